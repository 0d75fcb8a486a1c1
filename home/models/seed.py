"""What the seed has created once, so that a later run creates only what is new in the seed and
never brings back what an editor deleted."""

from django.db import models


class SeedRecord(models.Model):
    """One object the seed created: "page:model:bg", "page:model:en", "image:towns", "place:lom"…
    ``object_id`` finds it again after an editor renamed it (pages are found by their fixed
    translation key instead)."""

    key = models.CharField(max_length=200, unique=True)
    object_id = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "seed record"

    def __str__(self):
        return self.key
