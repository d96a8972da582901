"""The dashboard's words in English and French, and numbers written the way each reads.

Report words (table titles, headers, figure names) and enum labels are the desktop's own:
the French below is the desktop's translation of the "Reports" and "Labels" contexts
(``resources/translations/clinicapp_fr.ts``; a test keeps the two equal). French follows
Canadian typography: a non-breaking space before ":" and "%", a narrow non-breaking space
between thousands, a decimal comma.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from markupsafe import Markup, escape

from clinicapp.core.errors import ClinicAppError, NotFoundError, ValidationError
from clinicapp.core.reports.suppression import Suppressed
from clinicapp.core.reports.tables import Column, Words, english_label

LANGUAGES = ("en", "fr")
NBSP, NNBSP = "\u00a0", "\u202f"

# The desktop's "Reports" context, as far as the activity report uses it.
REPORTS_FR = {
    "Summary": "Résumé", "Figure": "Donnée", "Value": "Valeur",
    "Sessions held": "Séances tenues", "Sessions planned": "Séances prévues",
    "Sessions cancelled": "Séances annulées", "Hours of sessions held": "Heures de séances tenues",
    "Distinct participants": "Participants distincts", "Attendances": "Présences",
    "Participant hours": "Heures-participants", "Credits earned": "Crédits obtenus",
    "Distinct participants by role": "Participants distincts par rôle", "Role": "Rôle",
    "Participants": "Participants", "Total": "Total",
    "Topics of sessions held": "Sujets des séances tenues", "Topic": "Sujet",
    "Sessions": "Séances", "(no topic)": "(aucun sujet)",
    "Session evaluations": "Évaluations des séances", "Responses": "Réponses",
    "Objectives met (% of yes or no answers)": "Objectifs atteints (% des réponses oui ou non)",
    "Objectives met:": "Objectifs atteints :", "Bias perceived": "Biais perçu",
    "Relevance (mean, 1–5)": "Pertinence (moyenne, 1–5)",
    "Satisfaction (mean, 1–5)": "Satisfaction (moyenne, 1–5)",
    "Facilitation (mean, 1–5)": "Animation (moyenne, 1–5)",
    "Intent to change (mean, 1–5)": "Intention de changer (moyenne, 1–5)",
    "Commitments to change and their follow-up": "Engagements à changer et leur suivi",
    "Count": "Nombre", "% of followed up": "% des suivis", "Commitments made": "Engagements pris",
    "Followed up": "Suivis", "Follow-up due, not yet recorded": "Suivi dû, pas encore enregistré",
    "Action items": "Actions", "Status": "Statut", "Items": "Actions",
    "Overdue (past due, not done or dropped)":
        "En retard (échéance passée, ni terminées ni abandonnées)",
    "Sessions and attendances over time": "Séances et présences au fil du temps",
    "From": "Début", "Groups": "Groupes", "Group": "Groupe", "Credits": "Crédits",
    "Sessions held and attendances by quarter": "Séances tenues et présences par trimestre",
    "Sessions held and attendances by month": "Séances tenues et présences par mois",
    "Commitments followed up, by outcome": "Engagements suivis, par résultat",
    "Action items by status": "Actions par statut", "Commitments": "Engagements",
    "Division report": "Rapport de division", "Group report": "Rapport de groupe",
    "All groups": "Tous les groupes", "Period": "Période",
    "{first} to {last}": "du {first} au {last}", "Yes": "Oui", "No": "Non",
    "Counts under {n} (and figures resting on fewer than {n} people) are shown as <{n} so "
    "that no one can be identified.":
        "Les effectifs inférieurs à {n} (et les chiffres qui reposent sur moins de {n} "
        "personnes) sont affichés comme <{n} afin que personne ne puisse être identifié.",
}

# The desktop's "Labels" context for the enum values a report shows.
LABELS_FR = {
    "Physician": "Médecin", "Medical office assistant": "Personnel administratif médical (AAM)",
    "Nurse": "Personnel infirmier", "Allied health": "Professions paramédicales",
    "Administrator": "Gestionnaire",
    "Other": "Autre", "Planned": "Prévue", "In progress": "En cours", "Completed": "Terminée",
    "Cancelled": "Annulée", "I will change my practice": "Je vais changer ma pratique",
    "I already do this": "Je le fais déjà",
    "I need more information": "J’ai besoin de plus d’information",
    "I will not change": "Je ne changerai pas", "Implemented": "Mis en œuvre",
    "Partly implemented": "Mis en œuvre en partie", "Not yet": "Pas encore",
    "Abandoned": "Abandonné", "Not started": "Pas commencée", "Blocked": "Bloquée",
    "Done": "Terminée", "Dropped": "Abandonnée", "Yes": "Oui", "No": "Non",
    "Not applicable": "Sans objet",
}

# The dashboard's own words.
UI_FR = {
    "ClinicApp program office": "ClinicApp, bureau du programme",
    "Sign in": "Se connecter", "Sign out": "Se déconnecter", "User name": "Nom d’utilisateur",
    "Password": "Mot de passe", "Signed in as {name}": "Connecté·e : {name}",
    "wrong user name or password": "nom d’utilisateur ou mot de passe erroné",
    "too many wrong passwords: try again in {n} s":
        "trop de mots de passe erronés : réessayez dans {n} s",
    "This form has expired or did not come from this dashboard. Reload the page and try "
    "again.": "Ce formulaire a expiré ou ne vient pas de ce tableau de bord. Rechargez la page "
              "et réessayez.",
    "The server's disk is full: nothing of this was kept. Tell whoever runs the server, "
    "then try again later.": "Le disque du serveur est plein : rien de ceci n’a été gardé. "
                             "Prévenez la personne qui gère le serveur, puis réessayez plus "
                             "tard.",
    "Figures": "Données", "Bundles": "Lots", "Devices": "Postes",
    "Enrollment codes": "Codes d’inscription", "Division": "Division",
    "All divisions": "Toutes les divisions",
    "Every group of the division": "Tous les groupes de la division",
    "To": "Fin", "Show": "Afficher", "CSV": "CSV", "Download {table} as CSV":
        "Télécharger « {table} » en CSV", "Language": "Langue",
    "withheld: fewer than {n}": "masqué : moins de {n}", "no answers": "aucune réponse",
    "Nothing to chart in this period.": "Rien à représenter pendant cette période.",
    "Upload a bundle from a USB stick": "Téléverser un lot venu d’une clé USB",
    "Bundle file": "Fichier de lot", "Check and import": "Vérifier et importer",
    "The same checks and the same all-or-nothing import as a network sync.":
        "Les mêmes vérifications et la même importation tout ou rien qu’une synchronisation "
        "par le réseau.",
    "Imported {file} from {sender}: {received} changes received, {held} already held.":
        "{file} importé de {sender} : {received} changements reçus, {held} déjà présents.",
    "Refused {file}: {reason}": "{file} refusé : {reason}",
    "Records added": "Enregistrements ajoutés", "Records changed": "Enregistrements modifiés",
    "Records": "Enregistrements", "Table": "Table", "Added": "Ajoutés", "Changed": "Modifiés",
    "Refused bundles": "Lots refusés", "Received": "Reçu le", "File": "Fichier",
    "Sender": "Expéditeur", "Reason": "Raison", "No bundle has been refused.":
        "Aucun lot n’a été refusé.", "Choose a bundle file to upload.":
        "Choisissez un fichier de lot à téléverser.",
    "The file is larger than {n} MiB.": "Le fichier dépasse {n} Mio.",
    "Device": "Poste", "Last sync": "Dernière synchronisation",
    "Last failure": "Dernier échec", "never": "jamais", "none": "aucun",
    "No device is enrolled yet.": "Aucun poste n’est encore inscrit.",
    "Enrolled": "Inscrit le", "Revoked": "Révoqué", "Code": "Code", "Expires": "Expire le",
    "Used": "Utilisé", "Issue a code": "Émettre un code", "Valid for (days)":
        "Valable (jours)", "Fingerprint": "Empreinte",
    "No enrollment code has been issued.": "Aucun code d’inscription n’a été émis.",
    "Show it once to the clinic: it is not shown again.":
        "Montrez-le une fois à la clinique : il ne sera plus affiché.",
    "from {first} to {last}": "du {first} au {last}", "Page not found.": "Page introuvable.",
    "Choose at least one group.": "Choisissez au moins un groupe.",
    "Valid for 1 to {n} days.": "Valable de 1 à {n} jours.", "Issued": "Émis le",
    "not yet": "pas encore", "Source": "Source", "Bundle": "Lot",
    "network": "réseau", "upload": "téléversement", "cli": "ligne de commande",
    "at most {n} MiB": "au plus {n} Mio",
    "This server's fingerprint": "Empreinte de ce serveur", "Codes issued": "Codes émis",
    "Add a group": "Ajouter un groupe", "Name": "Nom",
    "Group {name} added.": "Groupe « {name} » ajouté.",
    "Selection": "Sélection", "Charts": "Graphiques", "YYYY-MM-DD": "AAAA-MM-JJ",
    "Page not found": "Page introuvable",
    "This page is not part of the dashboard. Its address may be mistyped or out of date.":
        "Cette page ne fait pas partie du tableau de bord. Son adresse est peut-être mal "
        "tapée ou périmée.",
    "Back to the figures": "Retour aux données",
    "No group is on this server yet": "Aucun groupe n’est encore sur ce serveur",
    "Figures appear here once a group's sessions reach the server: add the group on the "
    "{page} page, give its clinic an enrollment code, and the figures follow the "
    "workstation's first sync (or a bundle uploaded on the {bundles} page).":
        "Les données apparaissent ici dès que les séances d’un groupe arrivent au serveur : "
        "ajoutez le groupe à la page {page}, donnez un code d’inscription à sa clinique, et "
        "les données suivent la première synchronisation du poste (ou un lot téléversé à "
        "la page {bundles}).",
    "There is no group to enroll for yet: add one first.":
        "Il n’y a encore aucun groupe pour lequel inscrire un poste : ajoutez-en un d’abord.",
    "Nothing in this period.": "Rien pendant cette période.",
    "No such group.": "Ce groupe n’existe pas.",
}
# The desktop's "Errors" context for the core error codes a dashboard page can meet (a
# selection, a new group); ``Catalogue.error`` puts the field's label in front.
ERRORS_FR = {
    "required": "est obligatoire", "empty": "ne doit pas être vide",
    "too_long": "doit compter au plus {limit} caractères",
    "not_date_text": "«\u00a0{text}\u00a0» n’est pas une date\u202f; écrivez-la sous la forme "
                     "AAAA-MM-JJ",
    "period_order": "ne doit pas précéder le début ({first})",
    "no_groups": "il n’y a aucun groupe\u202f; divisions connues\u00a0: {known}",
    "unknown_division": "aucun groupe n’appartient à la division «\u00a0{division}\u00a0»"
                        "\u202f; divisions connues\u00a0: {known}",
    "no_such_report_table": "aucune table «\u00a0{key}\u00a0» dans ce rapport",
}
# An error's field, as the form labels it.
FIELD_WORDS = {"from": "From", "to": "To", "division": "Division", "group": "Group",
               "name": "Name", "table": "Table"}

# Canadian French spacing, applied once: no-break spaces before ":" and inside « ».
UI_FR = {k: v.replace(" :", NBSP + ":").replace("« ", "«" + NBSP).replace(" »", NBSP + "»")
         for k, v in UI_FR.items()}

# Why a bundle was refused, by the kind core and the server give it. The reason itself (with
# its names, dates and counts) comes from core in English; French pages put this first.
REFUSALS_FR = {
    "not_bundle": "ce n’est pas un lot ClinicApp",
    "damaged": "le lot est endommagé",
    "too_large": "le lot est trop gros",
    "not_for_us": "le lot n’est pas chiffré pour ce serveur",
    "newer_schema": "le lot vient d’une version plus récente de ClinicApp",
    "missing": "il manque une partie du lot",
    "unknown_signer": "le lot est signé par une clé inconnue",
    "bad_signature": "la signature ne correspond pas : le lot a été modifié ou falsifié",
    "own": "ce lot vient de ce serveur lui-même",
    "replayed": "ce lot a déjà été importé",
    "stale": "ce lot est plus ancien que le dernier reçu et n’apporte rien",
    "clock_ahead": "l’horloge du poste qui l’a fait est en avance",
    "revoked": "l’inscription du poste a été révoquée",
}

TABLE_WORDS = {
    "groups": ("Groups", "Groupes"), "members": ("Members", "Membres"),
    "memberships": ("Memberships", "Adhésions"), "topics": ("Topics", "Sujets"),
    "sessions": ("Sessions", "Séances"), "attendance": ("Attendance", "Présences"),
    "reflections": ("Reflections", "Réflexions"), "commitments": ("Commitments", "Engagements"),
    "evaluations": ("Evaluations", "Évaluations"), "action_plans": ("Action plans",
                                                                   "Plans d’action"),
    "action_items": ("Action items", "Actions"), "progress_notes": ("Progress notes",
                                                                   "Notes de suivi"),
    "pdsa_cycles": ("PDSA cycles", "Cycles PEÉA"), "support_requests": ("Support requests",
                                                                       "Demandes de soutien"),
    "audit_entries": ("Audit entries", "Journal d’audit"),
}


@dataclass(frozen=True)
class Catalogue:
    lang: str = "en"

    def _words(self, text: str) -> str:
        """``text`` in this language (the English itself when it has no French)."""
        if self.lang == "fr":
            return UI_FR.get(text) or REPORTS_FR.get(text) or text
        return text

    def t(self, text: str, **values: object) -> str:
        """``text`` in this language, with ``{name}`` filled in from ``values``."""
        text = self._words(text)
        return text.format(**values) if values else text

    def markup(self, text: str, **values: object) -> Markup:
        """As ``t``, for a sentence with links in it: ``values`` that are Markup (a link a
        template made) stay markup, the words and every other value are escaped."""
        return escape(self._words(text)).format(**values)

    @property
    def colon(self) -> str:
        return NBSP + ":" if self.lang == "fr" else ":"

    def label(self, value: StrEnum) -> str:
        english = english_label(value)
        return LABELS_FR.get(english, english) if self.lang == "fr" else english

    def refusal(self, kind: str, reason: str) -> str:
        """A refusal's reason for a person: in French, the kind in French first."""
        french = REFUSALS_FR.get(kind) if self.lang == "fr" else None
        if not french:
            return reason
        return french.replace(" :", NBSP + ":") + f" ({reason})"

    def error(self, exc: ClinicAppError) -> str:
        """A core error for a person: its field as the form labels it, the rule in this
        language (the desktop's French for the codes a page can meet), else its English."""
        if isinstance(exc, NotFoundError) and exc.kind == "group":
            return self.t("No such group.")
        if not isinstance(exc, ValidationError):
            return str(exc)
        field = self.t(FIELD_WORDS.get(exc.field, exc.field))
        french = ERRORS_FR.get(exc.code) if self.lang == "fr" else None
        rule = french.format(**exc.params) if french else exc.rule
        return f"{field}{self.colon} {rule}"

    def table(self, key: str) -> str:
        en, fr = TABLE_WORDS.get(key, (key.replace("_", " ").capitalize(),) * 2)
        return fr if self.lang == "fr" else en

    def words(self) -> Words:
        """The core report builders' words in this language."""
        return Words(tr=self.t, label=self.label)

    def number(self, value: float, decimals: int = 0) -> str:
        text = f"{value:,.{decimals}f}"
        if self.lang == "fr":
            text = text.replace(",", NNBSP).replace(".", ",")
        return text

    def cell(self, value: Any, column: Column) -> str:
        """A report cell for a person to read (the CSV uses core's ``plain`` instead)."""
        if value is None:
            return "–"
        if isinstance(value, Suppressed):
            return f"<{value.threshold}"
        if isinstance(value, bool):
            return self.t("Yes") if value else self.t("No")
        if isinstance(value, StrEnum):
            return self.label(value)
        if isinstance(value, int):
            return self.number(value)
        if isinstance(value, float) and column.kind in ("num", "hours", "percent"):
            text = self.number(value, 1 if column.kind == "percent" else 2)
            return text + (NBSP + "%" if column.kind == "percent" else "")
        if isinstance(value, float):
            return self.number(value, 2)
        return str(value)

    def when(self, moment: Any) -> str:
        """A date and time in ISO order, local to the server."""
        if moment is None:
            return self.t("never")
        return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def pick(requested: str | None, accept_language: str | None) -> str:
    """The language: the visitor's choice, else the browser's first of ours, else English."""
    if requested in LANGUAGES:
        return requested
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"
