from django.apps import AppConfig


class TodoConfig(AppConfig):
    name = "doanso.todo"
    label = "todo"
    verbose_name = "Việc cần làm"

    def ready(self) -> None:
        from doanso.todo import notify, providers

        providers.register_all()
        notify.install()
