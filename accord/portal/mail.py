"""E-mails of the portal, sent with Django's mail API after the transaction commits (so a
rolled-back registration never mails anyone). Development prints them (console backend);
tests read them from the locmem outbox."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction


def send_after_commit(*, to: str, subject: str, body: str) -> None:
    def send() -> None:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)

    transaction.on_commit(send)


def verification_mail(*, to: str, name: str, link: str, days: int) -> None:
    send_after_commit(
        to=to,
        subject="Confirm your e-mail address for Accord",
        body=(
            f"Hello {name},\n\n"
            "Thank you for registering with UN-Habitat's partnership portal. Confirm your e-mail "
            f"address by opening this link within {days} day(s):\n\n{link}\n\n"
            "If you did not register, ignore this message: nothing happens without the link."
        ),
    )


def decision_mail(
    *, to: str, name: str, approved: bool, what: str, reason: str = "", login_link: str = ""
) -> None:
    if approved:
        body = (
            f"Hello {name},\n\nYour {what} has been approved. You can now log in:\n\n{login_link}\n"
        )
    else:
        body = (
            f"Hello {name},\n\nYour {what} was not approved.\n\nReason: {reason}\n\n"
            "You may reply to this message to ask for more information."
        )
    send_after_commit(
        to=to, subject=f"Your {what}: {'approved' if approved else 'declined'}", body=body
    )
