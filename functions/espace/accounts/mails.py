"""The account e-mails, in plain French text (readable by every mail client and screen reader)."""

from __future__ import annotations

from espace.ports import Message

SIGNATURE = "\n\n-- \nEspace candidat\nCe message a été envoyé automatiquement : merci de ne pas y répondre.\n"


def _message(to: str, subject: str, body: str) -> Message:
    return Message(to=to, subject=f"{subject} – Espace candidat", text=body.strip() + SIGNATURE)


def confirm_account(to: str, link: str, company: str = "") -> Message:
    """``company``: a recruiter's sign-up, for that company (espace.recruteurs)."""
    what = (f"votre espace recruteur sur Espace candidat (entreprise « {company} »)" if company
            else "votre espace personnel sur Espace candidat")
    return _message(to, "Confirmez la création de votre espace", f"""
Bonjour,

Vous avez demandé à créer {what} avec cette adresse.
Pour le confirmer, ouvrez le lien ci-dessous dans les 24 heures :

{link}

Votre identifiant sera cette adresse e-mail : {to}

Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : aucun espace ne sera créé.
""")


def already_registered(to: str, site_url: str) -> Message:
    return _message(to, "Vous avez déjà un espace", f"""
Bonjour,

Quelqu'un (peut-être vous) a demandé à créer un espace ou à utiliser cette adresse sur
Espace candidat. Un espace existe déjà avec cette adresse : rien n'a été modifié.

Pour vous connecter : {site_url}/connexion
Si vous avez oublié votre mot de passe : {site_url}/compte/mot-de-passe-oublie

Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.
""")


def no_account(to: str, site_url: str) -> Message:
    return _message(to, "Demande de nouveau mot de passe", f"""
Bonjour,

Quelqu'un (peut-être vous) a demandé un nouveau mot de passe pour cette adresse sur
Espace candidat, mais aucun espace n'existe avec cette adresse.

Pour créer votre espace : {site_url}/compte/creation

Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.
""")


def reset_password(to: str, link: str) -> Message:
    return _message(to, "Choisissez un nouveau mot de passe", f"""
Bonjour,

Pour choisir un nouveau mot de passe, ouvrez le lien ci-dessous. Il ne fonctionne qu'une fois
et pendant 30 minutes. La réponse à votre question secrète vous sera demandée.

{link}

Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe
actuel reste valable.
""")


def password_changed(to: str, site_url: str) -> Message:
    return _message(to, "Votre mot de passe a été modifié", f"""
Bonjour,

Le mot de passe de votre espace personnel sur Espace candidat vient d'être modifié.

Si vous n'êtes pas à l'origine de ce changement, choisissez tout de suite un nouveau mot de
passe : {site_url}/compte/mot-de-passe-oublie
""")


def confirm_new_email(to: str, link: str) -> Message:
    return _message(to, "Confirmez votre nouvelle adresse e-mail", f"""
Bonjour,

Vous avez demandé à utiliser cette adresse pour votre espace personnel sur Espace candidat.
Pour confirmer, ouvrez le lien ci-dessous dans les 24 heures. Cette adresse deviendra votre
identifiant.

{link}

Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.
""")


def _masked(address: str) -> str:
    """« n…@example.fr »: enough for the owner to recognise their own address, not enough
    to hand the new identifier to whoever reads a mailbox the owner may be leaving."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}…@{domain}"


def email_change_requested(to: str, new_address: str, site_url: str) -> Message:
    return _message(to, "Demande de changement de votre adresse e-mail", f"""
Bonjour,

Une demande a été faite depuis votre espace personnel sur Espace candidat pour remplacer
cette adresse par une autre ({_masked(new_address)}). Elle ne sera appliquée que lorsqu'on
aura ouvert le lien envoyé à la nouvelle adresse ; d'ici là, cette adresse reste votre
identifiant.

Si vous n'êtes pas à l'origine de cette demande, changez votre mot de passe dès maintenant :
{site_url}/compte/mot-de-passe-oublie
Un nouveau mot de passe ferme toutes les connexions ouvertes à votre espace et annule le lien
envoyé à l'autre adresse.
""")


def email_changed(to: str, new_address: str, site_url: str) -> Message:
    return _message(to, "Votre adresse e-mail a été changée", f"""
Bonjour,

L'adresse e-mail de votre espace personnel sur Espace candidat vient d'être remplacée par
une autre ({_masked(new_address)}). Cette adresse-ci n'est plus votre identifiant et ne
recevra plus les messages de votre espace.

Si vous n'êtes pas à l'origine de ce changement, quelqu'un d'autre a utilisé votre espace et
le mot de passe oublié ne peut plus passer par cette adresse. Écrivez-nous en indiquant
cette adresse-ci, pour que nous vous aidions à reprendre votre espace :
{site_url}/contact.html
""")
