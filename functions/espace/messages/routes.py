"""« Mes messages »: the mails the site sent to the candidate, kept, read and deleted here."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.messages.service import PREFIX, Kept, Mailbox
from espace.text import clock_time, french_date, plural
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.paging import cursor_page, linker
from espace.web.panels import PanelView, panel

router = AreaRouter(roles={"candidat"})
BASE = "/mon-espace/messages"
TRAIL = (("Mon espace", "/mon-espace"), ("Mes messages", BASE))
PER_PAGE = 20


def mailbox(ctx: Context) -> Mailbox:
    return Mailbox(ctx.services.records, ctx.services.mailer)


def when(epoch: int) -> str:
    """« 5 décembre 2026 à 18 h 22 »."""
    return f"{french_date(epoch)} à {clock_time(epoch)}"


@router.get("/messages")
def listing(ctx: Context) -> Response:
    user_id = ctx.user_id or ""
    items, pagination = cursor_page(ctx.services.records, f"USER#{user_id}", PREFIX, limit=PER_PAGE,
                                    raw_trail=ctx.request.query("suite"), raw_page=ctx.request.query("page"),
                                    link=linker(BASE, {}), descending=True)
    messages = [Kept.of(item) for item in items]
    title = "Mes messages" + (f" ({pagination.title_detail})" if pagination.title_detail else "")
    return ctx.render("services/messages/list.html", ctx.page(BASE, title, TRAIL[:1]), messages=messages,
                      pagination=pagination, unread=mailbox(ctx).unread_count(user_id), when=when)


@router.get("/messages/<message_id>")
def show(ctx: Context, message_id: str) -> Response:
    box, user_id = mailbox(ctx), ctx.user_id or ""
    message = box.get(user_id, message_id)
    if message is None:
        raise NotFoundError("Ce message n'existe pas ou a été supprimé.")
    if not message.read:
        box.mark(user_id, message_id, read=True)
    return ctx.render("services/messages/message.html", ctx.page(f"{BASE}/{message.id}", message.subject, TRAIL),
                      message=message, when=when)


@router.post("/messages/<message_id>/non-lu")
def mark_unread(ctx: Context, message_id: str) -> Response:
    if not mailbox(ctx).mark(ctx.user_id or "", message_id, read=False):
        raise NotFoundError("Ce message n'existe pas ou a été supprimé.")
    ctx.flash("Le message est marqué comme non lu.")
    return ctx.redirect(BASE)


@router.post("/messages/<message_id>/suppression")
def delete(ctx: Context, message_id: str) -> Response:
    deleted = mailbox(ctx).delete(ctx.user_id or "", message_id)
    # Deleting twice (a double click) finds nothing the second time: the list, without an error.
    if deleted is not None:
        ctx.flash(f"Le message « {deleted.subject} » est supprimé.")
    return ctx.redirect(BASE)


@router.post("/messages/suppression-lus")
def delete_read(ctx: Context) -> Response:
    count = mailbox(ctx).delete_read(ctx.user_id or "")
    ctx.flash(f"{plural(count, 'message lu supprimé', 'messages lus supprimés')}." if count
              else "Aucun message lu à supprimer.")
    return ctx.redirect(BASE)


@panel("messages", "Mes messages", order=10)
def messages_panel(ctx: Context) -> PanelView:
    unread = mailbox(ctx).unread_count(ctx.user_id or "")
    line = (f"Vous avez {plural(unread, 'message non lu', 'messages non lus')}." if unread
            else "Vous n'avez aucun message non lu.")
    changes = [f"{plural(unread, 'message non lu', 'messages non lus')} dans Mes messages."] if unread else []
    return PanelView(lines=[line], links=[("Lire mes messages", BASE)], changes=changes)
