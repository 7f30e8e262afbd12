"""Partial indexes for the two halves of claim_batch (queued and due; expired claims)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="message",
            name="messaging_due_idx",
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(
                condition=models.Q(("status", "queued")),
                fields=["due_at", "id"],
                name="messaging_queued_due_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(
                condition=models.Q(("status", "sending")),
                fields=["claimed_until", "id"],
                name="messaging_claim_expiry_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(fields=["status", "-created_at"], name="messaging_status_idx"),
        ),
    ]
