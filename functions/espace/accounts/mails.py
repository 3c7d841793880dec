"""The account e-mails, in plain French text (readable by every mail client and screen reader)."""

from __future__ import annotations

from espace.ports import Message

SIGNATURE = "\n\n-- \nEspace candidat\nCe message a été envoyé automatiquement : merci de ne pas y répondre.\n"


def _message(to: str, subject: str, body: str) -> Message:
    return Message(to=to, subject=f"{subject} – Espace candidat", text=body.strip() + SIGNATURE)


def confirm_account(to: str, link: str) -> Message:
    return _message(to, "Confirmez la création de votre espace", f"""
Bonjour,

Vous avez demandé à créer votre espace personnel sur Espace candidat avec cette adresse.
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

Le mot de passe de votre espace Espace candidat vient d'être modifié.

Si vous n'êtes pas à l'origine de ce changement, choisissez tout de suite un nouveau mot de
passe : {site_url}/compte/mot-de-passe-oublie
""")


def confirm_new_email(to: str, link: str) -> Message:
    return _message(to, "Confirmez votre nouvelle adresse e-mail", f"""
Bonjour,

Vous avez demandé à utiliser cette adresse pour votre espace Espace candidat. Pour confirmer,
ouvrez le lien ci-dessous dans les 24 heures. Cette adresse deviendra votre identifiant.

{link}

Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.
""")
