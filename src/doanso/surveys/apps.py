from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.surveys"
    label = "surveys"
    verbose_name = "Khảo sát"

    def ready(self) -> None:
        from doanso.surveys import todo
        from doanso.todo import registry

        registry.register("surveys_open", todo.open_for_me)
