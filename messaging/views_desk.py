"""Coordinator pages: outbox, inbox, opt-outs, message texts, monthly counts and cost."""

from django.conf import settings
from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import access_log
from core.permissions import coordinator_required
from messaging import texts
from messaging.forms import OptOutForm, TemplateForm
from messaging.models import Channel, InboundMessage, Message, MessageTemplate, OptOut, Purpose
from messaging.queries import cost_per_unit, message_costs
from messaging.roster import delivery_by_registration
from messaging.services import planning
from messaging.services.inbox import mark_handled
from messaging.services.optouts import opt_in, opt_out
from outreach.models import ClassSession, Registration

PAGE_SIZE = 50


@coordinator_required
def outbox(request):
    status = request.GET.get("status", "")
    qs = Message.objects.select_related("resident", "registration__session__topic")
    if status in Message.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    access_log.record(request, "outbox", page=page.number, status=status)
    return render(
        request,
        "messaging/outbox.html",
        {
            "page": page,
            "status": status,
            "statuses": Message.Status.choices,
            "backend": settings.SMS_BACKEND,
        },
    )


@coordinator_required
@require_POST
def resend(request, pk):
    message = get_object_or_404(Message, pk=pk)
    planning.resend(message, by=request.user)
    flash.success(request, _("もう一度送ります。"))
    return redirect(request.POST.get("next") or "messaging_desk:outbox")


@coordinator_required
def inbox(request):
    page = Paginator(InboundMessage.objects.select_related("handled_by"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    access_log.record(request, "inbox", page=page.number)
    return render(request, "messaging/inbox.html", {"page": page})


@coordinator_required
@require_POST
def inbox_handled(request, pk):
    mark_handled(get_object_or_404(InboundMessage, pk=pk), by=request.user)
    return redirect("messaging_desk:inbox")


@coordinator_required
def optouts(request):
    form = OptOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        opt_out(
            form.cleaned_data["phone"],
            source=OptOut.Source.DESK,
            by=request.user,
            note=form.cleaned_data["note"],
        )
        flash.success(request, _("配信を止めました。"))
        return redirect("messaging_desk:optouts")
    rows = OptOut.objects.select_related("created_by")
    access_log.record(request, "optouts")
    return render(request, "messaging/optouts.html", {"form": form, "rows": rows})


@coordinator_required
@require_POST
def optout_remove(request, pk):
    row = get_object_or_404(OptOut, pk=pk)
    opt_in(row.phone)
    flash.success(request, _("配信を再開しました。"))
    return redirect("messaging_desk:optouts")


@coordinator_required
def template_list(request):
    custom = {(t.purpose, t.language, t.channel): t for t in MessageTemplate.objects.all()}
    rows = []
    for purpose, label in Purpose.choices:
        for language in texts.TEXT_LANGUAGES:
            for channel, channel_label in Channel.choices:
                default = texts.DEFAULT_TEXTS.get((purpose, language, channel))
                if default is None:
                    continue
                row = custom.get((purpose, language, channel))
                rows.append(
                    {
                        "purpose": purpose,
                        "label": label,
                        "language": language,
                        "language_name": texts.language_name(language),
                        "channel": channel,
                        "channel_label": channel_label,
                        "body": row.body if row else default,
                        "custom": row is not None,
                    }
                )
    return render(request, "messaging/templates.html", {"rows": rows})


@coordinator_required
def template_edit(request, purpose, language, channel):
    default = texts.DEFAULT_TEXTS.get((purpose, language, channel))
    if default is None:
        from django.http import Http404

        raise Http404
    instance = MessageTemplate.objects.filter(
        purpose=purpose, language=language, channel=channel
    ).first()
    form = TemplateForm(
        request.POST or None,
        instance=instance or MessageTemplate(purpose=purpose, language=language, channel=channel),
        initial={"body": default} if instance is None else None,
    )
    if request.method == "POST" and form.is_valid():
        template = form.save(commit=False)
        template.updated_by = request.user
        template.save()
        flash.success(request, _("文面を保存しました。次に送るメッセージから使います。"))
        return redirect("messaging_desk:templates")
    return render(
        request,
        "messaging/template_edit.html",
        {
            "form": form,
            "purpose_label": Purpose(purpose).label,
            "language": language,
            "language_name": texts.language_name(language),
            "channel_label": Channel(channel).label,
            "placeholders": texts.PLACEHOLDERS.items(),
            "default": default,
        },
    )


@coordinator_required
def costs(request):
    """Messages per month and channel: Twilio's reported price, else the configured estimate."""
    return render(
        request,
        "messaging/costs.html",
        {
            "table": message_costs(),
            "currency": settings.MESSAGE_COST_CURRENCY,
            "per_unit": cost_per_unit(),
        },
    )


@coordinator_required
def class_messages(request, session_id):
    """Delivery status per roster line of one class, with resend."""
    session = get_object_or_404(ClassSession.objects.with_related(), pk=session_id)
    registrations = list(
        Registration.objects.filter(session=session)
        .select_related("resident")
        .order_by("requested_at", "id")
    )
    by_registration = delivery_by_registration(r.pk for r in registrations)
    lines = [(r, by_registration.get(r.pk, [])) for r in registrations]
    access_log.record(request, "class_messages", session, people=len(lines))
    return render(request, "messaging/class_messages.html", {"session": session, "lines": lines})
