"""« Mes courriers »: the dossier's letters as PDFs, read or unread (GET /mon-dossier/courriers), and
the panel of « Mon espace » that counts the unread ones."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.dossier import letters, post
from espace.dossier.access import TRAIL as DOSSIER_TRAIL
from espace.ports import FileMissingError
from espace.text import plural
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.paging import cursor_page, linker
from espace.web.panels import PanelView, panel

router = AreaRouter(roles={"candidat"})
BASE = "/mon-dossier/courriers"
TRAIL = (*DOSSIER_TRAIL, ("Mes courriers", BASE))
PER_PAGE = 20
MISSING = "Ce courrier n'existe pas."


@router.get("/courriers")
def listing(ctx: Context) -> Response:
    user_id = ctx.user_id or ""
    items, pagination = cursor_page(ctx.services.records, f"USER#{user_id}", letters.PREFIX, limit=PER_PAGE,
                                    raw_trail=ctx.request.query("suite"), raw_page=ctx.request.query("page"),
                                    link=linker(BASE, {}), descending=True)
    shown = [letters.Letter.of(item) for item in items]
    title = "Mes courriers" + (f" ({pagination.title_detail})" if pagination.title_detail else "")
    return ctx.render("services/dossier/courriers.html", ctx.page(BASE, title, DOSSIER_TRAIL), letters=shown,
                      pagination=pagination, unread=letters.unread_count(ctx.services, user_id),
                      kinds=letters.KIND_LABELS, posted=post.letters_posted(ctx.services.records, user_id))


@router.get("/courriers/<courrier>")
def show(ctx: Context, courrier: str) -> Response:
    """The letter's PDF, inline. Opening it marks it read: a GET with a side effect, on purpose —
    « read » means the file was fetched, which only this request knows (the list's link is
    what the candidate follows; a POST would need a button before each reading). Marking is
    idempotent and only ever records the first opening, so a prefetch or a reload harms nothing."""
    user_id = ctx.user_id or ""
    letter = letters.get_letter(ctx.services, user_id, courrier)
    if letter is None:
        raise NotFoundError(MISSING, title="Courrier introuvable")
    try:
        data = ctx.services.files.get(letter.file).data
    except FileMissingError as error:
        raise NotFoundError(MISSING, title="Courrier introuvable") from error
    letters.mark_read(ctx.services, user_id, letter)
    filename = f"courrier-{letter.kind}-{letter.public_id}.pdf"
    return Response(status_code=200, content_type="application/pdf", body=data, headers={
        "Content-Disposition": f'inline; filename="{filename}"', "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})


@panel("courriers", "Mes courriers", order=6)
def courriers_panel(ctx: Context) -> PanelView | None:
    all_letters = letters.letters_of(ctx.services, ctx.user_id or "")
    if not all_letters:
        return None  # no dossier letter yet: nothing to show before a registration is validated
    unread = sum(1 for letter in all_letters if not letter.read)
    line = (f"Vous avez {plural(unread, 'courrier non lu', 'courriers non lus')}." if unread
            else "Vous avez lu tous vos courriers.")
    since = ctx.previous_visit
    new = [letter for letter in all_letters if not letter.read and since is not None and letter.at > since]
    changes = [f"{plural(len(new), 'nouveau courrier', 'nouveaux courriers')} dans Mes courriers."] if new else []
    return PanelView(lines=[line], links=[("Lire mes courriers", BASE)], changes=changes)
