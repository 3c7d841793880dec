"""The newsletter forms."""

from __future__ import annotations

from espace.accounts import validation as rules
from espace.web.forms import EmailField, HiddenField, KitForm, required, rule, strip


class SubscribeForm(KitForm):
    adresse = EmailField("Votre adresse e-mail", [required("Saisissez votre adresse e-mail."), rule(rules.check_email)],
                         filters=[strip], description="Par exemple : nom@exemple.fr. Nous y enverrons un lien pour "
                                                      "confirmer votre abonnement.")


class LinkForm(KitForm):
    jeton = HiddenField()
