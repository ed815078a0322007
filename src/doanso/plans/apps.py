from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.plans"
    label = "plans"

    def ready(self):
        from doanso.org.services import on_tree_change
        from doanso.plans.actions.obligations import sync_after_restructure

        # Units created, moved, merged or split owe the running obligations of their new ancestors.
        on_tree_change(sync_after_restructure)
