from django.http import HttpResponse


def home(request):
    return HttpResponse("<title>Đoàn Số</title>Đoàn Số")
