"""What the engagement tests share besides fixtures."""

from accord.core.models import HistoryEntry


def history_of(obj) -> list[HistoryEntry]:
    """The history entries of a record, oldest first."""
    return list(
        HistoryEntry.objects.filter(model=obj._meta.label_lower, object_id=obj.pk).order_by(
            "at", "id"
        )
    )


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


BASE = "/api/v1"


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")
