"""The desk's phone hours: weekday rows and dated exceptions (messaging.models.DeskHours)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('messaging', '0002_claim_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='DeskHours',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('weekday', models.PositiveSmallIntegerField(blank=True, choices=[(0, '月曜日'), (1, '火曜日'), (2, '水曜日'), (3, '木曜日'), (4, '金曜日'), (5, '土曜日'), (6, '日曜日')], error_messages={'unique': 'この曜日の行はもうあります。その行を編集してください。'}, null=True, unique=True, verbose_name='曜日')),
                ('date', models.DateField(blank=True, error_messages={'unique': 'この日付の行はもうあります。その行を編集してください。'}, help_text='この日だけの時間、または臨時のお休み。曜日か日付のどちらかを入れます。', null=True, unique=True, verbose_name='日付')),
                ('is_closed', models.BooleanField(default=False, verbose_name='休み')),
                ('opens', models.TimeField(blank=True, null=True, verbose_name='開始時刻')),
                ('closes', models.TimeField(blank=True, null=True, verbose_name='終了時刻')),
                ('note', models.CharField(blank=True, max_length=100, verbose_name='メモ')),
            ],
            options={
                'verbose_name': '窓口の受付時間',
                'verbose_name_plural': '窓口の受付時間',
                'ordering': [models.OrderBy(models.F('weekday'), nulls_last=True), 'date'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('date__isnull', True), ('weekday__isnull', False)), models.Q(('date__isnull', False), ('weekday__isnull', True)), _connector='OR'), name='deskhours_weekday_or_date', violation_error_message='曜日か日付の、どちらか一つだけを入れてください。'), models.CheckConstraint(condition=models.Q(('is_closed', True), models.Q(('closes__gt', models.F('opens')), ('closes__isnull', False), ('opens__isnull', False)), _connector='OR'), name='deskhours_closes_after_opens', violation_error_message='終了時刻は、開始時刻より後にしてください。')],
            },
        ),
    ]
