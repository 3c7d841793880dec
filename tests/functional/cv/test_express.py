"""The express mode's personal CV and a complete CV's attached file, through the pages, on both
profiles: embedded (multipart to the application) and AWS (presigned POST to moto's S3, then the
same checks on the stored object). Every hostile file is refused with its message and leaves
nothing behind: no record, no file, no index entry."""

from __future__ import annotations

import base64
import json

import pytest

from espace.cv.uploads import MAX_BYTES
from tests import cv_files
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.cv.uploading import raw_get, upload_attachment, upload_direct, upload_personal
from tests.functional.profiles import each_case_on_one_profile

EMAIL = "camille.martin@example.fr"


def services():
    from espace.bootstrap import get_services

    return get_services()


def stored_files(email: str = EMAIL) -> list[str]:
    return services().files.list(f"users/{user_id_of(email)}/")


def personal_record(email: str = EMAIL):
    return services().records.get(f"USER#{user_id_of(email)}", "CV-PERSONNEL")


def bank_ids() -> set[str]:
    from espace.cv.index import CvQuery

    return {hit.cv_id for hit in services().cv_index.search(CvQuery(per_page=50)).hits}


def found_by(words: str) -> set[str]:
    from espace.cv.index import CvQuery

    return {hit.cv_id for hit in services().cv_index.search(CvQuery(keywords=words)).hits}


@pytest.mark.parametrize("name", sorted(cv_files.GOOD))
def test_each_good_format_is_deposited_published_and_found_by_its_words(platform, name):
    client = signed_in_client(platform, EMAIL)
    done = upload_personal(platform, client, name, cv_files.good(name), title="Développeur Python")
    assert done.status == 303, done.text()
    assert done.location == "/mon-espace/cv-personnel"
    page = client.get("/mon-espace/cv-personnel")
    assert "Votre CV personnel « Développeur Python » est enregistré et publié dans la banque de CV." in page.text()
    record = personal_record()
    assert record["title"] == "Développeur Python" and record["publish"] is True
    extension = name.rsplit(".", 1)[1]
    keys = stored_files()
    assert [k.rsplit("/", 1)[1] for k in keys] == [f"cv.{extension}", "texte.txt"]
    assert all(k.startswith(f"users/{user_id_of(EMAIL)}/cv/personnel/") for k in keys)
    word = "Architect" if extension == "odt" else "Johnny"
    assert record["id"] in found_by(word)
    # The download gives the very bytes back, as an attachment with a safe name.
    result, data = raw_get(client, "/mon-espace/cv-personnel/fichier")
    assert result.status == 200 and data == cv_files.good(name)
    disposition = result.headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename=") and disposition.endswith(f'.{extension}"')
    assert result.headers["X-Content-Type-Options"] == "nosniff"


HOSTILE = [
    ("bombe.docx", cv_files.zip_bomb, "anormalement volumineux"),
    ("script.pdf", cv_files.pdf_with_javascript, "contient du JavaScript"),
    ("joint.pdf", cv_files.pdf_with_embedded_file, "contient un fichier joint"),
    ("cv.pdf", cv_files.windows_executable, "programme Windows"),
    ("coupe.docx", lambda: cv_files.truncated(cv_files.good("johnny_coder_resume.docx")), "endommagé ou incomplet"),
    ("coupe.pdf", lambda: cv_files.truncated(cv_files.good("johnny_coder_resume.pdf")), "incomplet"),
    ("macros.docx", cv_files.docx_with_macros, "macros"),
    ("ole.doc", cv_files.ole_not_word, "pas un document Word lisible"),
]


@each_case_on_one_profile(("name", "build", "says"), HOSTILE, ids=[case[0] for case in HOSTILE])
def test_a_hostile_file_is_refused_with_its_message_and_nothing_is_kept(platform, name, build, says):
    client = signed_in_client(platform, EMAIL)
    refused = upload_personal(platform, client, name, build())
    assert refused.status == 400
    assert "Erreur" in refused.html.findtext(".//title")
    error = refused.field_error("fichier")
    assert error is not None and says in error
    assert any(says in line for line in refused.error_summary())
    assert personal_record() is None
    assert stored_files() == []  # in AWS the object S3 received is deleted too
    assert bank_ids() == set()


def test_an_empty_file_and_no_file_are_refused(platform):
    client = signed_in_client(platform, EMAIL)
    empty = upload_personal(platform, client, "vide.pdf", b"")
    assert empty.status == 400
    if platform.profile == "embedded":
        # The browser sends no file at all for an empty input; a zero-byte file is « vide ».
        assert "vide" in empty.field_error("fichier")
        nothing = client.post("/mon-espace/cv-personnel", {"titre": "Aide-soignante", "coordonnees": "non"})
        assert nothing.field_error("fichier") == "Erreur : Choisissez le fichier de votre CV."
    else:
        assert "Aucun fichier n'a été reçu" in empty.field_error("fichier") or "vide" in empty.field_error("fichier")
    assert personal_record() is None and stored_files() == []


def test_the_title_is_required_and_what_was_typed_is_kept(platform):
    client = signed_in_client(platform, EMAIL)
    page = upload_personal(platform, client, "cv.txt", cv_files.text_cv(), title="  ", contact="oui")
    assert page.status == 400
    assert page.field_error("titre") == "Erreur : Saisissez le titre de votre CV."
    assert page.html.xpath('//input[@name="coordonnees"][@value="oui"]/@checked')
    assert personal_record() is None and stored_files() == []


def test_replacing_keeps_one_file_and_the_same_bank_reference(platform):
    client = signed_in_client(platform, EMAIL)
    upload_personal(platform, client, "cv.pdf", cv_files.good())
    first = personal_record()
    again = upload_personal(platform, client, "cv.rtf", cv_files.good("johnny_coder_resume.rtf"), title="Autre titre",
                            contact="oui", publish=False)
    assert again.status == 303
    second = personal_record()
    assert second["id"] == first["id"] and second["title"] == "Autre titre" and second["show_contact"] is True
    assert [k.rsplit("/", 1)[1] for k in stored_files()] == ["cv.rtf", "texte.txt"]  # the PDF is gone
    assert first["id"] not in bank_ids()  # consent withdrawn: out of the bank at once
    # The title and choices change alone, without a new file (embedded: the file is optional then).
    if platform.profile == "embedded":
        from tests.functional.cv.uploading import multipart

        body, content_type = multipart({"csrf": client.csrf_token("/mon-espace/cv-personnel"), "titre": "Titre 3",
                                        "coordonnees": "non", "diffusion": "y"}, {})
        assert client.request("POST", "/mon-espace/cv-personnel", body=body, content_type=content_type).status == 303
        assert personal_record()["title"] == "Titre 3" and first["id"] in bank_ids()


def test_suspend_resume_and_delete_move_it_in_and_out_of_the_bank(platform):
    client = signed_in_client(platform, EMAIL)
    upload_personal(platform, client, "cv.txt", cv_files.text_cv())
    cv_id = personal_record()["id"]
    assert cv_id in bank_ids()
    token = client.csrf_token("/mon-espace/cv-personnel")
    assert client.post("/mon-espace/cv-personnel/suspension", csrf=token).status == 303
    assert personal_record()["state"] == "suspendu" and cv_id not in bank_ids()
    assert "Remettre en ligne mon CV personnel" in client.get("/mon-espace/cv-personnel").text()
    client.post("/mon-espace/cv-personnel/remise-en-ligne", csrf=token)
    assert personal_record()["state"] == "en-ligne" and cv_id in bank_ids()
    confirm = client.get("/mon-espace/cv-personnel/suppression")
    assert confirm.status == 200 and "sera supprimé" in confirm.text()
    token = client.csrf_token("/mon-espace/cv-personnel/suppression")
    assert client.post("/mon-espace/cv-personnel/suppression", csrf=token).status == 303
    assert client.post("/mon-espace/cv-personnel/suppression", csrf=token).status == 303  # a double click
    assert personal_record() is None and stored_files() == [] and bank_ids() == set()
    assert client.get("/mon-espace/cv-personnel/fichier").status == 404


def test_a_five_megabyte_cv_is_accepted_and_a_bigger_one_refused(platform):
    client = signed_in_client(platform, EMAIL)
    line = "Aide-soignante, soins d'hygiène et de confort, accompagnement des résidents.\n".encode()
    big = line * (MAX_BYTES // len(line))
    assert upload_personal(platform, client, "cv.txt", big).status == 303
    if platform.profile == "aws":
        # moto does not enforce the policy's size range (S3 does): the check on the stored object does.
        refused = upload_personal(platform, client, "cv.txt", big + line * 100)
        assert refused.status == 400 and "5 Mo au plus" in refused.field_error("fichier")
        assert [k.rsplit("/", 1)[1] for k in stored_files()] == ["cv.txt", "texte.txt"]


def test_the_attached_file_of_a_complete_cv(platform):
    from espace.cv.service import CvBook, new_id

    client = signed_in_client(platform, EMAIL)
    uid = user_id_of(EMAIL)
    cv_id = new_id()
    CvBook(services(), uid).create(cv_id)
    page = client.get(f"/mon-espace/cv/{cv_id}/cv-joint")
    assert page.status == 200
    assert page.html.findtext(".//title").startswith("Étape 2 sur 4 : Mon CV joint")
    refused = upload_attachment(platform, client, cv_id, "script.pdf", cv_files.pdf_with_javascript())
    assert refused.status == 400 and "JavaScript" in refused.field_error("fichier")
    assert stored_files() == []
    done = upload_attachment(platform, client, cv_id, "cv.docx", cv_files.good("johnny_coder_resume.docx"))
    assert done.status == 303 and done.location == f"/mon-espace/cv/{cv_id}/cv-joint"
    record = CvBook(services(), uid).get(cv_id)
    assert record.attachment is not None and record.attachment.key.startswith(f"users/{uid}/cv/{cv_id}/joint/")
    assert "Johnny Coder" in CvBook(services(), uid).attachment_text(record.attachment)
    shown = client.get(f"/mon-espace/cv/{cv_id}/cv-joint")
    assert "est joint à votre CV" in shown.text() and "Retirer le fichier joint" in shown.text()
    download, data = raw_get(client, f"/mon-espace/cv/{cv_id}/cv-joint/fichier")
    # Locally the name sent; S3 does not pass it on, so there the name is made from the CV's title.
    named = "cv.docx" if platform.profile == "embedded" else "CV-sans-titre.docx"
    assert download.headers["Content-Disposition"] == f'attachment; filename="{named}"'
    assert data == cv_files.good("johnny_coder_resume.docx")
    # Another account sees neither the page nor the file.
    other = signed_in_client(platform, "dominique@example.fr", ip="198.51.100.8")
    for path in ("", "/fichier"):
        assert other.get(f"/mon-espace/cv/{cv_id}/cv-joint{path}").status == 404
    other_token = other.csrf_token("/mon-espace")
    assert other.post(f"/mon-espace/cv/{cv_id}/cv-joint/suppression", csrf=other_token).status == 404
    token = client.csrf_token(f"/mon-espace/cv/{cv_id}/cv-joint")
    assert client.post(f"/mon-espace/cv/{cv_id}/cv-joint/suppression", csrf=token).status == 303
    assert client.post(f"/mon-espace/cv/{cv_id}/cv-joint/suppression", csrf=token).status == 303  # a double click
    assert CvBook(services(), uid).get(cv_id).attachment is None and stored_files() == []


def test_the_presigned_post_pins_key_size_and_redirect(platform):
    if platform.profile != "aws":
        assert services().files.upload_form("users/x/cv/televersements/abc", MAX_BYTES, "http://a/") is None
        return
    client = signed_in_client(platform, EMAIL)
    step = client.post("/mon-espace/cv-personnel", {"titre": "Aide-soignante", "coordonnees": "non"})
    page = client.get(step.location)
    fields = {i.get("name"): i.get("value") for i in page.html.xpath("//form//input[@type='hidden']")}
    policy = json.loads(base64.b64decode(fields["policy"]))
    conditions = policy["conditions"]
    assert ["content-length-range", 1, MAX_BYTES] in conditions
    assert {"key": fields["key"]} in conditions
    assert fields["key"].startswith(f"users/{user_id_of(EMAIL)}/cv/televersements/")
    assert {"success_action_redirect": fields["success_action_redirect"]} in conditions
    assert not page.html.xpath("//input[@name='csrf']")  # S3 gets no session secret
    # Landing twice (a reload) keeps one CV, and a stranger cannot use the link.
    landed = upload_direct(client, page, cv_files.text_cv(), "cv.txt")
    assert landed.status == 303
    kept = personal_record()
    again = client.get(step.location + "&key=" + fields["key"])  # S3's redirect, loaded again
    assert again.status == 303 and again.location == "/mon-espace/cv-personnel"
    assert personal_record() == kept
    stranger = signed_in_client(platform, "dominique@example.fr", ip="198.51.100.8")
    assert stranger.get(step.location + "&key=x").status == 404
    assert [k.rsplit("/", 1)[1] for k in stored_files()] == ["cv.txt", "texte.txt"]


def test_the_upload_pages_of_each_profile_pass_the_nu_checker(platform, tmp_path):
    """Each profile's own pages (the browser test runs on the embedded one): in AWS the choices
    without a file, the page sending the file to S3, its refusal, the « CV joint » page whose form
    goes to S3; locally the same pages with their file input. Each is valid HTML, with one h1 that
    begins the title."""
    import subprocess

    from espace.cv.service import CvBook, new_id
    from tests.functional.cv.uploading import post_file
    from tests.site.test_vnu import VNU

    client = signed_in_client(platform, EMAIL)
    cv_id = new_id()
    CvBook(services(), user_id_of(EMAIL)).create(cv_id)
    pages = {"choices": client.get("/mon-espace/cv-personnel")}
    if platform.profile == "aws":
        assert not pages["choices"].html.xpath("//input[@type='file']")  # the file goes to S3 on the next page
        step = client.post("/mon-espace/cv-personnel", {"titre": "Aide-soignante", "coordonnees": "non"})
        pages["upload"] = client.get(step.location)
        pages["refused"] = upload_direct(client, pages["upload"], cv_files.windows_executable(), "cv.pdf")
    else:
        assert pages["choices"].html.xpath("//form[@enctype='multipart/form-data']//input[@type='file']")
        pages["refused"] = post_file(client, "/mon-espace/cv-personnel", {"titre": "Aide-soignante",
                                     "coordonnees": "non"}, "cv.pdf", cv_files.windows_executable())
    assert pages["refused"].status == 400 and "programme Windows" in pages["refused"].field_error("fichier")
    pages["attachment"] = client.get(f"/mon-espace/cv/{cv_id}/cv-joint")
    folder = tmp_path / "pages"  # tmp_path holds the embedded profile's stores too
    folder.mkdir()
    for name, page in pages.items():
        h1 = " ".join(page.html.xpath("//h1")[0].text_content().split())
        title = page.html.findtext(".//title").replace("Erreur : ", "")
        assert len(page.html.xpath("//h1")) == 1 and title.startswith(h1), (name, h1, title)
        (folder / f"{name}.html").write_text(page.body, encoding="utf-8")
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(folder)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
