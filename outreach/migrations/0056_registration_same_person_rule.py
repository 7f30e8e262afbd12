"""One active registration per person per class, not per phone (outreach/names.py).

Replaces the per-phone constraint: the same resident, or the same phone with the
same name, may hold one active place in a class; two people on one landline may
each hold one. A stamped consent time must say how consent was given.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("outreach", "0055_registration_identity_data")]

    operations = [
        migrations.RemoveConstraint(
            model_name='registration',
            name='one_active_registration_per_phone_per_class',
        ),
        migrations.AddConstraint(
            model_name='registration',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'cancelled'), _negated=True), fields=('session', 'resident'), name='one_active_registration_per_resident_per_class'),
        ),
        migrations.AddConstraint(
            model_name='registration',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'cancelled'), _negated=True), fields=('session', 'phone', 'name_key'), name='one_active_registration_per_person_per_class'),
        ),
        migrations.AddConstraint(
            model_name='registration',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('consent_method', ''), ('consented_at__isnull', True)), models.Q(models.Q(('consent_method', ''), _negated=True), ('consented_at__isnull', False)), _connector='OR'), name='registration_consent_has_time_and_method'),
        ),
    ]
