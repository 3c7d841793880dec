"""The personal CV (express mode) and a complete CV's attached file: uploads checked by content, downloads.

Locally (and in any store without direct uploads) the file comes with the form, multipart, and is
checked before anything is stored. In the AWS profile a request to the function is capped (6 MB by
Lambda), so the form is sent in two moves: the choices first (title, anonymity, consent), which the
application checks; then a page whose form sends the file straight to S3 (a presigned POST whose
policy pins the key and the size range), and S3 sends the browser back to ``…/televersement``,
which runs the same checks on the stored object, keeps it or deletes it with the same message.
The choices travel in a signed token in that address: nothing is stored for an upload that never
comes, and landing twice on the address (a reload) does the work once.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from aws_lambda_powertools.event_handler import Response

from espace.cv import attachments, bank_consent
from espace.cv.common import PATH, PERSONAL_PATH, STEPS, TRAIL, book, cv_or_404, cv_trail, cv_url
from espace.cv.model import ONLINE, STATE_LABELS, SUSPENDED, Attachment, Cv, PersonalCv
from espace.cv.service import CvBook, new_id
from espace.cv.uploads import EXTENSIONS, MAX_BYTES, UploadRejectedError
from espace.ports import FileMissingError
from espace.web import tokens
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.forms import (
    BooleanField,
    FileField,
    KitForm,
    RadioField,
    StringField,
    choices,
    file_required,
    length,
    required,
    strip,
)

router = AreaRouter(roles={"candidat"})
PERSONAL_TRAIL = (*TRAIL, ("Mon CV personnel", PERSONAL_PATH))
NO_PERSONAL = "Vous n'avez pas de CV personnel : déposez-en un depuis la page « Mon CV personnel »."
CONTACT_CHOICES = (("non", "CV anonyme : les recruteurs ne voient pas mes coordonnées"),
                   ("oui", "Les recruteurs voient mes coordonnées"))
_FILE_HINT = "Le fichier est vérifié à l'envoi : un document endommagé, protégé ou contenant des macros est refusé."


class PersonalForm(KitForm):
    titre = StringField("Titre de votre CV", [required("Saisissez le titre de votre CV."), length(100, "Le titre")],
                        filters=[strip], description="Par exemple : Aide-soignante, 10 ans d'expérience en EHPAD.")
    fichier = FileField("Fichier de votre CV", [file_required("Choisissez le fichier de votre CV.")],
                        max_bytes=MAX_BYTES, extensions=EXTENSIONS, description=_FILE_HINT)
    coordonnees = RadioField("Vos coordonnées", [required("Indiquez si les recruteurs voient vos coordonnées.")],
                             choices=choices(CONTACT_CHOICES), default="non",
                             description="Un CV anonyme ne doit pas contenir vos coordonnées : retirez-les du "
                                         "fichier avant de l'envoyer. Avec vos coordonnées, celles de « Mes "
                                         "coordonnées » accompagnent le CV.")
    diffusion = BooleanField("Publier mon CV dans la banque de CV", default=True,
                             description="Les conseillers et les recruteurs pourront le consulter. Vous pourrez "
                                         "le retirer à tout moment.")


class AttachmentForm(KitForm):
    fichier = FileField("Fichier de votre CV personnel", [file_required("Choisissez le fichier de votre CV.")],
                        max_bytes=MAX_BYTES, extensions=EXTENSIONS, description=_FILE_HINT)


def _direct_uploads(ctx: Context) -> bool:
    """True when the files store takes uploads itself (S3): the form then carries no file."""
    return ctx.services.files.upload_form("users/probe/cv/televersements/probe", MAX_BYTES,
                                          ctx.absolute("/")) is not None


def _without_file(ctx: Context, form: KitForm) -> KitForm:
    if _direct_uploads(ctx):
        del form["fichier"]
    return form


# --- the personal CV -------------------------------------------------------------------------------
def _personal_page(ctx: Context, personal: PersonalCv | None, form: PersonalForm) -> Response:
    title = "Mon CV personnel" if personal else "Déposer mon CV personnel"
    return ctx.render("services/cv/personal/personal.html", ctx.page(PERSONAL_PATH, title, TRAIL), form=form,
                      personal=personal, direct="fichier" not in form, formats=_formats(),
                      state_label=STATE_LABELS[personal.state] if personal else "",
                      bank_explanation=bank_consent.EXPLANATION,
                      bank_notice=bank_consent.notice(ctx.services.records, ctx.user_id or ""))


def _formats() -> str:
    return ", ".join("." + ext for ext in EXTENSIONS[:-1]) + " ou ." + EXTENSIONS[-1]


@router.route("/cv-personnel", ["GET", "POST"])
def personal(ctx: Context) -> Response:
    cvs = book(ctx)
    current = cvs.personal()
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {"titre": current.title, "coordonnees": "oui" if current.show_contact else "non",
                   "diffusion": current.publish}
    form = _without_file(ctx, ctx.bind(PersonalForm, **initial))
    if current is not None and "fichier" in form:
        form.fichier.validators = []  # replacing is optional: the title and choices can change alone
    if not (ctx.submitted and form.validate()):
        return _personal_page(ctx, current, form)
    show, publish = form.coordonnees.data == "oui", bool(form.diffusion.data)
    if "fichier" not in form:  # AWS: the file goes to S3 next, then comes back here checked
        nonce = attachments.new_nonce()
        token = tokens.make(ctx.key, attachments.UPLOAD_PURPOSE, ctx.user_id or "", "personnel", nonce,
                            form.titre.data, "1" if show else "0", "1" if publish else "0")
        return ctx.redirect(f"{PERSONAL_PATH}/televersement?jeton={quote(token)}")
    if form.fichier.data is None:
        assert current is not None
        cvs.save_personal(PersonalCv(id=current.id, title=form.titre.data, attachment=current.attachment,
                                     show_contact=show, state=current.state, publish=publish))
        ctx.flash("Les informations de votre CV personnel sont enregistrées.")
        return ctx.redirect(PERSONAL_PATH)
    upload = form.fichier.data
    try:
        stored = attachments.store(cvs, "personnel", upload.filename, upload.data)
    except UploadRejectedError as refused:
        form.add_error("fichier", refused.message)
        return _personal_page(ctx, current, form)
    _save_personal(ctx, cvs, current, stored, form.titre.data, show, publish)
    return ctx.redirect(PERSONAL_PATH)


def _save_personal(ctx: Context, cvs: CvBook, current: PersonalCv | None, stored: attachments.Stored, title: str,
                   show: bool, publish: bool) -> None:
    # Publishing is the consent « Partager mon CV avec les employeurs »: recorded first (bank_consent).
    given = publish and bank_consent.record_given(ctx.services.records, ctx.user_id or "")
    cvs.save_personal(PersonalCv(id=current.id if current else new_id(), title=title, attachment=stored.attachment,
                                 show_contact=show, state=current.state if current else ONLINE, publish=publish))
    message = f"Votre CV personnel « {title} » est enregistré"
    message += " et publié dans la banque de CV." if publish and (current is None or current.state == ONLINE) else "."
    if not stored.has_text:
        message += (" Son texte n'a pas pu être lu (un document scanné, par exemple) : les recruteurs ne le "
                    "trouveront pas par mots-clés.")
    if given:
        message += f" Votre accord « {bank_consent.LABEL} » est donné à la date d'aujourd'hui (page Le consentement)."
    ctx.flash(message)


@router.get("/cv-personnel/televersement")
def personal_upload(ctx: Context) -> Response:
    parts = _upload_token(ctx, "personnel")
    nonce, title, show, publish = parts[2], parts[3], parts[4] == "1", parts[5] == "1"
    cvs = book(ctx)
    current = cvs.personal()
    page = ctx.page(f"{PERSONAL_PATH}/televersement", "Envoyer le fichier de mon CV personnel", PERSONAL_TRAIL)
    if not ctx.request.query("key"):
        return _upload_page(ctx, cvs, page, nonce, back=PERSONAL_PATH, title=title)
    try:
        stored = attachments.take_pending(cvs, "personnel", title, nonce)
    except UploadRejectedError as refused:
        return _upload_page(ctx, cvs, page, nonce, back=PERSONAL_PATH, title=title, refused=refused.message)
    if stored is None:
        if attachments.same_upload(current.attachment if current else None, nonce):
            return ctx.redirect(PERSONAL_PATH)  # already taken: a reload
        return _upload_page(ctx, cvs, page, nonce, back=PERSONAL_PATH, title=title,
                            refused="Aucun fichier n'a été reçu : choisissez le fichier de votre CV, puis envoyez-le.")
    _save_personal(ctx, cvs, current, stored, title, show, publish)
    return ctx.redirect(PERSONAL_PATH)


def _upload_token(ctx: Context, owner: str) -> list[str]:
    try:
        parts = tokens.read(ctx.key, attachments.UPLOAD_PURPOSE, ctx.request.query("jeton"),
                            max_age=attachments.UPLOAD_MAX_AGE)
    except tokens.TokenInvalid:
        raise NotFoundError("Ce lien d'envoi de fichier a expiré ou n'est pas valide : recommencez depuis la page "
                            "de votre CV.", title="Lien d'envoi expiré") from None
    if len(parts) != 6 or parts[0] != ctx.user_id or parts[1] != owner or not attachments.valid_nonce(parts[2]):
        raise NotFoundError("Ce lien d'envoi de fichier n'est pas valide pour votre compte.",
                            title="Lien d'envoi expiré")
    return parts  # user, owner, nonce, title, show contact, publish


def _upload_page(ctx: Context, cvs: CvBook, page: Any, nonce: str, back: str, title: str,
                 refused: str | None = None) -> Response:
    redirect = ctx.absolute(ctx.request.path + "?jeton=" + quote(ctx.request.query("jeton")))
    upload = attachments.upload_form(cvs, nonce, redirect)
    if upload is None:  # a store without direct uploads: the form of the CV's page carries the file
        return ctx.redirect(back)
    errors = {"fichier": refused} if refused else None
    return ctx.render("services/cv/attachment/upload.html", page, status=400 if refused else 200, errors=errors,
                      upload=upload, back=back, title=title, max_mb=MAX_BYTES // 1_048_576, formats=_formats(),
                      hint=_FILE_HINT)


@router.get("/cv-personnel/fichier")
def personal_file(ctx: Context) -> Response:
    current = book(ctx).personal()
    if current is None:
        raise NotFoundError(NO_PERSONAL, title="CV personnel introuvable")
    return _download(ctx, current.attachment)


def _download(ctx: Context, attachment: Attachment) -> Response:
    try:
        stored = ctx.services.files.get(attachment.key)
    except FileMissingError:
        raise NotFoundError("Le fichier de ce CV est introuvable : déposez-le à nouveau.",
                            title="Fichier introuvable") from None
    return Response(status_code=200, content_type=attachment.content_type, body=stored.data,
                    headers={"Content-Disposition": f'attachment; filename="{attachment.filename}"',
                             "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})


@router.route("/cv-personnel/suppression", ["GET", "POST"])
def personal_delete(ctx: Context) -> Response:
    cvs = book(ctx)
    current = cvs.personal()
    if current is None:
        if ctx.submitted:  # deleted by the first of two clicks
            return ctx.redirect(PERSONAL_PATH)
        raise NotFoundError(NO_PERSONAL, title="CV personnel introuvable")
    if not ctx.submitted:
        page = ctx.page(f"{PERSONAL_PATH}/suppression", "Supprimer mon CV personnel", PERSONAL_TRAIL)
        return ctx.render("services/cv/personal/delete.html", page, personal=current)
    cvs.delete_personal()
    ctx.flash(f"Votre CV personnel « {current.title} » est supprimé ; il n'est plus dans la banque de CV.")
    return ctx.redirect(PERSONAL_PATH)


@router.post("/cv-personnel/suspension")
def personal_suspend(ctx: Context) -> Response:
    return _set_personal_state(ctx, SUSPENDED, "Votre CV personnel est suspendu : les recruteurs ne le voient plus.")


@router.post("/cv-personnel/remise-en-ligne")
def personal_resume(ctx: Context) -> Response:
    return _set_personal_state(ctx, ONLINE, "Votre CV personnel est remis en ligne.")


def _set_personal_state(ctx: Context, state: str, message: str) -> Response:
    cvs = book(ctx)
    current = cvs.personal()
    if current is None:
        raise NotFoundError(NO_PERSONAL, title="CV personnel introuvable")
    if current.state != state:  # a second click changes nothing and says nothing new
        current.state = state
        cvs.save_personal(current)
        if state == ONLINE and not current.publish:
            message += " Pour qu'il soit dans la banque de CV, cochez « Publier mon CV dans la banque de CV »."
        ctx.flash(message)
    return ctx.redirect(PERSONAL_PATH)


# --- a complete CV's attached file (« Mon CV joint », in étape 1) ------------------------------------
def _attachment_page(ctx: Context, cvs: CvBook, cv: Cv, form: KitForm | None = None) -> Response:
    number = next(n for n, step in enumerate(STEPS, start=1) if step.slug == "informations")
    trail = (*cv_trail(cv), (STEPS[number - 1].title, cv_url(cv, "informations")))
    page = ctx.page(cv_url(cv, "cv-joint"), "Mon CV joint", trail, caption=f"Étape {number} sur {len(STEPS)}")
    upload = None
    if form is None:  # AWS: the page's form sends the file to S3, which comes back to …/televersement
        nonce = attachments.new_nonce()
        token = tokens.make(ctx.key, attachments.UPLOAD_PURPOSE, ctx.user_id or "", cv.id, nonce, "", "", "")
        redirect = ctx.absolute(cv_url(cv, f"cv-joint/televersement?jeton={quote(token)}"))
        upload = attachments.upload_form(cvs, nonce, redirect)
    return ctx.render("services/cv/attachment/attachment.html", page, form=form, cv=cv, direct=upload is not None,
                      upload=upload, formats=_formats(), hint=_FILE_HINT, max_mb=MAX_BYTES // 1_048_576)


@router.route("/cv/<cv_id>/cv-joint", ["GET", "POST"])
def attachment(ctx: Context, cv_id: str) -> Response:
    cvs, cv = cv_or_404(ctx, cv_id)
    if _direct_uploads(ctx):  # the file goes to S3 from this page's form; a POST here has none
        if ctx.submitted:
            return ctx.redirect(cv_url(cv, "cv-joint"))
        return _attachment_page(ctx, cvs, cv)
    form = ctx.bind(AttachmentForm)
    if not (ctx.submitted and form.validate()):
        return _attachment_page(ctx, cvs, cv, form)
    upload = form.fichier.data
    assert upload is not None  # file_required
    try:
        stored = attachments.store(cvs, cv.id, upload.filename, upload.data)
    except UploadRejectedError as refused:
        form.add_error("fichier", refused.message)
        return _attachment_page(ctx, cvs, cv, form)
    _attach(ctx, cvs, cv, stored)
    return ctx.redirect(cv_url(cv, "cv-joint"))


def _attach(ctx: Context, cvs: CvBook, cv: Cv, stored: attachments.Stored) -> None:
    previous, cv.attachment = cv.attachment, stored.attachment
    cvs.save(cv)
    if previous is not None and previous.key != stored.attachment.key:
        attachments.remove(cvs, previous)
    message = f"Le fichier « {stored.attachment.filename} » est joint à votre CV."
    if not stored.has_text:
        message += " Son texte n'a pas pu être lu : les recruteurs ne le trouveront pas par mots-clés."
    ctx.flash(message)


@router.get("/cv/<cv_id>/cv-joint/televersement")
def attachment_upload(ctx: Context, cv_id: str) -> Response:
    cvs, cv = cv_or_404(ctx, cv_id)
    nonce = _upload_token(ctx, cv.id)[2]
    page = ctx.page(cv_url(cv, "cv-joint/televersement"), "Envoyer le fichier de mon CV joint",
                    (*cv_trail(cv), ("Mon CV joint", cv_url(cv, "cv-joint"))))
    back = cv_url(cv, "cv-joint")
    if not ctx.request.query("key"):
        return _upload_page(ctx, cvs, page, nonce, back=back, title=cv.display_title)
    try:
        stored = attachments.take_pending(cvs, cv.id, cv.display_title, nonce)
    except UploadRejectedError as refused:
        return _upload_page(ctx, cvs, page, nonce, back=back, title=cv.display_title, refused=refused.message)
    if stored is None:
        if attachments.same_upload(cv.attachment, nonce):
            return ctx.redirect(back)
        return _upload_page(ctx, cvs, page, nonce, back=back, title=cv.display_title,
                            refused="Aucun fichier n'a été reçu : choisissez le fichier de votre CV, puis envoyez-le.")
    _attach(ctx, cvs, cv, stored)
    return ctx.redirect(back)


@router.get("/cv/<cv_id>/cv-joint/fichier")
def attachment_file(ctx: Context, cv_id: str) -> Response:
    _, cv = cv_or_404(ctx, cv_id)
    if cv.attachment is None:
        raise NotFoundError("Ce CV n'a pas de fichier joint.", title="Fichier introuvable")
    return _download(ctx, cv.attachment)


@router.post("/cv/<cv_id>/cv-joint/suppression")
def attachment_delete(ctx: Context, cv_id: str) -> Response:
    cvs, cv = cv_or_404(ctx, cv_id)
    if cv.attachment is not None:  # a second click finds nothing to remove
        previous, cv.attachment = cv.attachment, None
        cvs.save(cv)
        attachments.remove(cvs, previous)
        ctx.flash(f"Le fichier « {previous.filename} » n'est plus joint à votre CV.")
    return ctx.redirect(cv_url(cv, "cv-joint"))


__all__ = ["PATH", "router"]
