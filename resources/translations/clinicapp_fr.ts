<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_CA">
<context>
    <name>ActionItemDialog</name>
    <message>
        <source>Action item</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>New action item</source>
        <translation>Nouvelle action</translation>
    </message>
    <message>
        <source>Add ite&amp;m</source>
        <translation>A&amp;jouter l’action</translation>
    </message>
    <message>
        <source>&amp;Action</source>
        <translation>&amp;Action</translation>
    </message>
    <message>
        <source>&amp;Goal it serves</source>
        <translation>&amp;Objectif visé</translation>
    </message>
    <message>
        <source>&amp;Owner</source>
        <translation>&amp;Responsable</translation>
    </message>
    <message>
        <source>— no owner yet —</source>
        <translation>— pas encore de responsable —</translation>
    </message>
    <message>
        <source>Su&amp;pporters</source>
        <translation>A&amp;ppuis</translation>
    </message>
    <message>
        <source>&amp;Horizon</source>
        <translation>&amp;Horizon</translation>
    </message>
    <message>
        <source>Stat&amp;us</source>
        <translation>Stat&amp;ut</translation>
    </message>
    <message>
        <source>S&amp;tart date</source>
        <translation>Date de &amp;début</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>&amp;Due date</source>
        <translation>&amp;Échéance</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>&amp;Resources</source>
        <translation>Re&amp;ssources</translation>
    </message>
    <message>
        <source>&amp;Indicator</source>
        <translation>&amp;Indicateur</translation>
    </message>
    <message>
        <source>What you will measure, e.g. % of patients with a care plan</source>
        <translation>Ce que vous mesurerez, p. ex. % de patients avec un plan de soins</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Point de départ</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>&amp;Baseline → target</source>
        <translation>Point de départ → ci&amp;ble</translation>
    </message>
    <message>
        <source>It&amp;em</source>
        <translation>Ac&amp;tion</translation>
    </message>
    <message>
        <source>Progress notes</source>
        <translation>Notes de suivi</translation>
    </message>
    <message>
        <source>Add progress &amp;note…</source>
        <translation>Ajouter une &amp;note de suivi…</translation>
    </message>
    <message>
        <source>PDSA cycles</source>
        <translation>Cycles PEÉA</translation>
    </message>
    <message>
        <source>New PDSA &amp;cycle…</source>
        <translation>Nouveau &amp;cycle PEÉA…</translation>
    </message>
    <message>
        <source>Cycle %1: %2</source>
        <translation>Cycle %1 : %2</translation>
    </message>
</context>
<context>
    <name>ActionPlanDialog</name>
    <message>
        <source>Action plan</source>
        <translation>Plan d’action</translation>
    </message>
    <message>
        <source>New action plan</source>
        <translation>Nouveau plan d’action</translation>
    </message>
    <message>
        <source>&amp;Create plan</source>
        <translation>&amp;Créer le plan</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <source>&amp;Goal</source>
        <translation>&amp;Objectif</translation>
    </message>
    <message>
        <source>Period &amp;from</source>
        <translation>Période &amp;du</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Period t&amp;o</source>
        <translation>Période &amp;au</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
</context>
<context>
    <name>ActionPlansPage</name>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Groupe :</translation>
    </message>
    <message>
        <source>Action plan</source>
        <translation>Plan d’action</translation>
    </message>
    <message>
        <source>&amp;Plan:</source>
        <translation>&amp;Plan :</translation>
    </message>
    <message>
        <source>New p&amp;lan…</source>
        <translation>Nouveau p&amp;lan…</translation>
    </message>
    <message>
        <source>Edit pl&amp;an…</source>
        <translation>Modifier le pl&amp;an…</translation>
    </message>
    <message>
        <source>&amp;New item…</source>
        <translation>&amp;Nouvelle action…</translation>
    </message>
    <message>
        <source>Add an item to this plan (Ctrl+N)</source>
        <translation>Ajouter une action à ce plan (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Open item…</source>
        <translation>&amp;Ouvrir l’action…</translation>
    </message>
    <message>
        <source>◀ Move l&amp;eft</source>
        <translation>◀ Déplacer à ga&amp;uche</translation>
    </message>
    <message>
        <source>Move the item to the previous status (Ctrl+Left)</source>
        <translation>Remettre l’action au statut précédent (Ctrl+Gauche)</translation>
    </message>
    <message>
        <source>Move &amp;right ▶</source>
        <translation>Déplacer à &amp;droite ▶</translation>
    </message>
    <message>
        <source>Move the item to the next status (Ctrl+Right)</source>
        <translation>Passer l’action au statut suivant (Ctrl+Droite)</translation>
    </message>
    <message>
        <source>O&amp;verdue only</source>
        <translation>En &amp;retard seulement</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Horizon</source>
        <translation>Horizon</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>&amp;Board</source>
        <translation>&amp;Tableau</translation>
    </message>
    <message>
        <source>Li&amp;st</source>
        <translation>Li&amp;ste</translation>
    </message>
    <message>
        <source>Action plans</source>
        <translation>Plans d’action</translation>
    </message>
    <message>
        <source>Create a group first (Groups &amp; members).</source>
        <translation>Créez d’abord un groupe (Groupes et membres).</translation>
    </message>
    <message>
        <source>This group has no action plan yet: press “New plan…”.</source>
        <translation>Ce groupe n’a pas encore de plan d’action : appuyez sur « Nouveau plan… ».</translation>
    </message>
    <message>
        <source>Action item added.</source>
        <translation>Action ajoutée.</translation>
    </message>
    <message>
        <source>Moved to “%1”.</source>
        <translation>Déplacé vers « %1 ».</translation>
    </message>
</context>
<context>
    <name>AttendancePanel</name>
    <message>
        <source>Type part of a name, then Enter</source>
        <translation>Tapez une partie d’un nom, puis Entrée</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>Arrivée</translation>
    </message>
    <message>
        <source>Check &amp;in:</source>
        <translation>&amp;Arrivée :</translation>
    </message>
    <message>
        <source>&amp;Walk-in…</source>
        <translation>Ajout &amp;sur place…</translation>
    </message>
    <message>
        <source>Add someone not on the roster and check them in (Ctrl+Shift+N)</source>
        <translation>Ajouter une personne absente de la liste et enregistrer son arrivée (Ctrl+Maj+N)</translation>
    </message>
    <message>
        <source>Matching members</source>
        <translation>Membres correspondants</translation>
    </message>
    <message>
        <source>Check-in result</source>
        <translation>Résultat de l’arrivée</translation>
    </message>
    <message>
        <source>Expected, not arrived yet</source>
        <translation>Attendus, pas encore arrivés</translation>
    </message>
    <message>
        <source>Double-click a name (or press Enter) to check that person in</source>
        <translation>Double-cliquez sur un nom (ou appuyez sur Entrée) pour enregistrer l’arrivée de cette personne</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Présences</translation>
    </message>
    <message>
        <source>Check &amp;out</source>
        <translation>Enregistrer le &amp;départ</translation>
    </message>
    <message>
        <source>The selected person leaves now</source>
        <translation>La personne choisie part maintenant</translation>
    </message>
    <message>
        <source>Mark a&amp;bsent</source>
        <translation>Marquer a&amp;bsent·e</translation>
    </message>
    <message>
        <source>Correct &amp;minutes…</source>
        <translation>Corriger les &amp;minutes…</translation>
    </message>
    <message numerus="yes">
        <source>%n in the room</source>
        <translation>
            <numerusform>%n dans la salle</numerusform>
            <numerusform>%n dans la salle</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expected, not arrived yet (%n):</source>
        <translation>
            <numerusform>Attendu, pas encore arrivé (%n)&#xa0;:</numerusform>
            <numerusform>Attendus, pas encore arrivés (%n)&#xa0;:</numerusform>
        </translation>
    </message>
    <message>
        <source>Minutes can be corrected once the session is completed</source>
        <translation>Les minutes se corrigent une fois la séance terminée</translation>
    </message>
    <message>
        <source>Select a person in the list first</source>
        <translation>Choisissez d’abord une personne dans la liste</translation>
    </message>
    <message>
        <source>Correct the minutes %1 attended</source>
        <translation>Corriger les minutes de présence de %1</translation>
    </message>
    <message>
        <source>The session is closed</source>
        <translation>La séance est close</translation>
    </message>
    <message>
        <source>The selected person did not come</source>
        <translation>La personne choisie n’est pas venue</translation>
    </message>
    <message>
        <source>No one matches — press Enter to add “%1” as a walk-in</source>
        <translation>Personne ne correspond — appuyez sur Entrée pour ajouter « %1 » sur place</translation>
    </message>
    <message>
        <source>✓ %1 checked in.</source>
        <translation>✓ Arrivée de %1 enregistrée.</translation>
    </message>
    <message>
        <source>Correct minutes</source>
        <translation>Corriger les minutes</translation>
    </message>
    <message>
        <source>Minutes %1 attended:</source>
        <translation>Minutes de présence de %1 :</translation>
    </message>
</context>
<context>
    <name>AttendanceTable</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Arrivée</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Départ</translation>
    </message>
    <message>
        <source>Minutes attended</source>
        <translation>Minutes de présence</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Crédits</translation>
    </message>
    <message>
        <source>Certificate no.</source>
        <translation>N° d’attestation</translation>
    </message>
</context>
<context>
    <name>Board</name>
    <message>
        <source>no owner</source>
        <translation>sans responsable</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>échéance %1</translation>
    </message>
</context>
<context>
    <name>ChangeJournalPassphraseDialog</name>
    <message>
        <source>Change my journal passphrase</source>
        <translation>Changer la phrase secrète de mon journal</translation>
    </message>
    <message>
        <source>Present journal passphrase</source>
        <translation>Phrase secrète actuelle du journal</translation>
    </message>
    <message>
        <source>I forgot it: use my &amp;recovery code</source>
        <translation>Je l’ai oubliée : utiliser mon code de &amp;récupération</translation>
    </message>
    <message>
        <source>New journal passphrase</source>
        <translation>Nouvelle phrase secrète du journal</translation>
    </message>
    <message>
        <source>New journal passphrase again</source>
        <translation>Confirmation de la nouvelle phrase secrète du journal</translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation>&amp;Changer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Present passphrase:</source>
        <translation>Phrase secrète &amp;actuelle :</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Nouvelle phrase secrète :</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>Con&amp;firmer :</translation>
    </message>
    <message>
        <source>The new passphrase is too short: at least %1 characters.</source>
        <translation>La nouvelle phrase secrète est trop courte : au moins %1 caractères.</translation>
    </message>
    <message>
        <source>The two new passphrases differ.</source>
        <translation>Les deux nouvelles phrases secrètes diffèrent.</translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation>Changement en cours…</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change the workstation passphrase</source>
        <translation>Changer la phrase secrète du poste</translation>
    </message>
    <message>
        <source>Present passphrase</source>
        <translation>Phrase secrète actuelle</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nouvelle phrase secrète</translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation>Confirmation de la nouvelle phrase secrète</translation>
    </message>
    <message>
        <source>&amp;Present passphrase:</source>
        <translation>Phrase secrète &amp;actuelle :</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Nouvelle phrase secrète :</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>Con&amp;firmer :</translation>
    </message>
    <message>
        <source>At least %1 characters.</source>
        <translation>Au moins %1 caractères.</translation>
    </message>
    <message>
        <source>The two new passphrases differ.</source>
        <translation>Les deux nouvelles phrases secrètes diffèrent.</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <source>Kept value</source>
        <translation>Valeur retenue</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Ce qui s’est passé</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>Autre valeur</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Détecté</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(supprimé)</translation>
    </message>
</context>
<context>
    <name>ConnectServerDialog</name>
    <message>
        <source>Connect to a central server</source>
        <translation>Se connecter à un serveur central</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Code d’inscription</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>&amp;Adresse du serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Enrollment &amp;code:</source>
        <translation>&amp;Code d’inscription&#xa0;:</translation>
    </message>
    <message>
        <source>Only if the program office gave you one</source>
        <translation>Seulement si le bureau du programme vous en a remis un</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation>Fichier de certificat</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Certificate &amp;file:</source>
        <translation>&amp;Fichier de certificat&#xa0;:</translation>
    </message>
    <message>
        <source>Check the &amp;server</source>
        <translation>&amp;Vérifier le serveur</translation>
    </message>
    <message>
        <source>The server&apos;s certificate file</source>
        <translation>Le fichier de certificat du serveur</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Server fingerprint</source>
        <translation>Empreinte du serveur</translation>
    </message>
    <message>
        <source>This is the fingerprint printed with my code</source>
        <translation>C’est l’empreinte imprimée avec mon code</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>Se c&amp;onnecter</translation>
    </message>
    <message>
        <source>The server&apos;s fingerprint is
%1
Compare it with the one printed with your code.</source>
        <translation>L’empreinte du serveur est
%1
Comparez-la avec celle imprimée avec votre code.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>ClinicApp — something went wrong</source>
        <translation>ClinicApp — un problème est survenu</translation>
    </message>
    <message>
        <source>Error report</source>
        <translation>Rapport d’erreur</translation>
    </message>
    <message>
        <source>&lt;b&gt;ClinicApp hit an unexpected problem (%1).&lt;/b&gt;</source>
        <translation>&lt;b&gt;ClinicApp a rencontré un problème inattendu (%1).&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Your records are safe: what was saved before this stays saved. If a change you just made does not show, make it again. You can keep working; if the problem comes back, restart ClinicApp.</source>
        <translation>Vos données sont en sécurité : ce qui était enregistré avant ceci le reste. Si une modification que vous venez de faire n’apparaît pas, refaites-la. Vous pouvez continuer ; si le problème revient, redémarrez ClinicApp.</translation>
    </message>
    <message>
        <source>The details were written to the log file:
%1</source>
        <translation>Les détails ont été écrits dans le fichier journal :
%1</translation>
    </message>
    <message>
        <source>The details could not be written to a log file.</source>
        <translation>Les détails n’ont pas pu être écrits dans un fichier journal.</translation>
    </message>
    <message>
        <source>When you report this, send the log file or the details below: they hold the program&apos;s steps only, never names, reflections or passphrases.</source>
        <translation>Pour signaler ce problème, envoyez le fichier journal ou les détails ci-dessous : ils ne contiennent que les étapes du programme, jamais de noms, de réflexions ni de phrases secrètes.</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>Détails techniques</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;Copier les détails</translation>
    </message>
    <message>
        <source>Open log &amp;folder</source>
        <translation>Ouvrir le &amp;dossier des journaux</translation>
    </message>
</context>
<context>
    <name>CreditsTab</name>
    <message>
        <source>Credits</source>
        <translation>Crédits</translation>
    </message>
    <message>
        <source>&amp;Print certificates…</source>
        <translation>&amp;Imprimer les attestations…</translation>
    </message>
    <message>
        <source>Credits follow the minutes each person attended (arrival to departure, minus breaks), at this many credits per hour: %1%2, rounded down.</source>
        <translation>Les crédits suivent les minutes de présence de chaque personne (de l’arrivée au départ, pauses déduites), au taux de crédits par heure suivant&#xa0;: %1%2, arrondis à l’unité inférieure.</translation>
    </message>
    <message>
        <source>, at most %1</source>
        <translation>, au plus %1</translation>
    </message>
    <message>
        <source>Credits are computed when the session is completed.</source>
        <translation>Les crédits sont calculés à la clôture de la séance.</translation>
    </message>
    <message>
        <source>One PDF with a certificate for each participant who earned credits</source>
        <translation>Un PDF avec une attestation pour chaque personne qui a obtenu des crédits</translation>
    </message>
    <message>
        <source>Certificates are printed once the session is completed</source>
        <translation>Les attestations s’impriment une fois la séance terminée</translation>
    </message>
    <message>
        <source>Nobody was present at this session</source>
        <translation>Personne n’était présent à cette séance</translation>
    </message>
    <message numerus="yes">
        <source>%n participants earned credits; credits in all: %1.</source>
        <translation>
            <numerusform>%n participant ou participante a obtenu des crédits&#x202f;; total des crédits&#xa0;: %1.</numerusform>
            <numerusform>%n participants et participantes ont obtenu des crédits&#x202f;; total des crédits&#xa0;: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Attendance certificates – %1 – %2.pdf</source>
        <translation>Attestations de participation – %1 – %2.pdf</translation>
    </message>
    <message>
        <source>Print certificates</source>
        <translation>Imprimer les attestations</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Preparing the certificates…</source>
        <translation>Préparation des attestations…</translation>
    </message>
    <message>
        <source>Certificates saved in %1</source>
        <translation>Attestations enregistrées dans %1</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>Type the date as YYYY-MM-DD, or pick it from the calendar</source>
        <translation>Tapez la date sous la forme AAAA-MM-JJ, ou choisissez-la dans le calendrier</translation>
    </message>
</context>
<context>
    <name>DiscardGuard</name>
    <message>
        <source>Discard what you typed?</source>
        <translation>Abandonner ce que vous avez saisi&#x202f;?</translation>
    </message>
    <message>
        <source>What you typed here has not been saved. Discard it?</source>
        <translation>Ce que vous avez saisi ici n’a pas été enregistré. L’abandonner&#x202f;?</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Abandonner</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Continuer la saisie</translation>
    </message>
</context>
<context>
    <name>DuplicatesBox</name>
    <message>
        <source>Possible duplicates</source>
        <translation>Doublons possibles</translation>
    </message>
    <message>
        <source>The same e-mail or licence number, the same name and role in a shared group, or the same topic title. Reports count each record until they are merged.</source>
        <translation>Le même courriel ou numéro de permis, les mêmes nom et rôle dans un groupe commun, ou le même titre de sujet. Les rapports comptent chaque fiche tant qu’elles ne sont pas fusionnées.</translation>
    </message>
    <message>
        <source>&amp;Merge into the first</source>
        <translation>&amp;Fusionner dans la première</translation>
    </message>
    <message>
        <source>Everything of the second record (attendance, reflections, commitments, memberships…) moves to the first, on every workstation. It can be undone.</source>
        <translation>Tout ce qui appartient à la deuxième fiche (présences, réflexions, engagements, inscriptions…) passe à la première, sur tous les postes. On peut l’annuler.</translation>
    </message>
    <message>
        <source>&amp;Undo the last merge</source>
        <translation>&amp;Annuler la dernière fusion</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Sujet</translation>
    </message>
    <message>
        <source>Merge duplicates</source>
        <translation>Fusionner les doublons</translation>
    </message>
    <message>
        <source>Keep “%1” and move everything of “%2” to it?</source>
        <translation>Garder «&#xa0;%1&#xa0;» et y déplacer tout ce qui appartient à «&#xa0;%2&#xa0;»&#x202f;?</translation>
    </message>
    <message>
        <source>Merged “%1” into “%2”.</source>
        <translation>«&#xa0;%1&#xa0;» fusionné dans «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>Merge undone.</source>
        <translation>Fusion annulée.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>is required</source>
        <translation>est obligatoire</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>ne doit pas être vide</translation>
    </message>
    <message>
        <source>must be at most {limit} characters</source>
        <translation>doit compter au plus {limit} caractères</translation>
    </message>
    <message>
        <source>must be at least {limit} characters</source>
        <translation>doit compter au moins {limit} caractères</translation>
    </message>
    <message>
        <source>must be between {low:g} and {high:g}</source>
        <translation>doit être entre {low:g} et {high:g}</translation>
    </message>
    <message>
        <source>must be at least {minimum:g}</source>
        <translation>doit être d’au moins {minimum:g}</translation>
    </message>
    <message>
        <source>must be at most {maximum:g}</source>
        <translation>doit être d’au plus {maximum:g}</translation>
    </message>
    <message>
        <source>must be a whole number from {low} to {high}</source>
        <translation>doit être un nombre entier de {low} à {high}</translation>
    </message>
    <message>
        <source>must be one of: {allowed}</source>
        <translation>doit être l’une des valeurs suivantes&#xa0;: {allowed}</translation>
    </message>
    <message>
        <source>must be a {type}</source>
        <translation>doit être de type {type}</translation>
    </message>
    <message>
        <source>is not a field that can be changed here</source>
        <translation>n’est pas un champ modifiable ici</translation>
    </message>
    <message>
        <source>must be a date</source>
        <translation>doit être une date</translation>
    </message>
    <message>
        <source>must be a date and time</source>
        <translation>doit être une date et une heure</translation>
    </message>
    <message>
        <source>must be a date and time with its time zone</source>
        <translation>doit être une date et une heure avec son fuseau horaire</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date; write it as YYYY-MM-DD</source>
        <translation>«&#xa0;{text}&#xa0;» n’est pas une date&#x202f;; écrivez-la sous la forme AAAA-MM-JJ</translation>
    </message>
    <message>
        <source>must not be before the {other}</source>
        <translation>ne doit pas précéder la date de {other}</translation>
    </message>
    <message>
        <source>must not be before the start ({first})</source>
        <translation>ne doit pas précéder le début ({first})</translation>
    </message>
    <message>
        <source>“{value}” is not an email address</source>
        <translation>«&#xa0;{value}&#xa0;» n’est pas une adresse courriel</translation>
    </message>
    <message>
        <source>must be a member of ClinicApp (no such member)</source>
        <translation>doit être un membre inscrit dans ClinicApp (aucun membre de ce nom)</translation>
    </message>
    <message>
        <source>no such member</source>
        <translation>aucun membre de ce nom</translation>
    </message>
    <message>
        <source>no such session</source>
        <translation>aucune séance de ce nom</translation>
    </message>
    <message>
        <source>cannot read the file: {reason}</source>
        <translation>impossible de lire le fichier&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>unknown setting &apos;{name}&apos;</source>
        <translation>réglage inconnu «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>each objective must be at most {limit} characters</source>
        <translation>chaque objectif doit compter au plus {limit} caractères</translation>
    </message>
    <message>
        <source>a facilitator is not a member on record</source>
        <translation>une personne animatrice n’est pas un membre inscrit</translation>
    </message>
    <message>
        <source>only a planned session can move to another group</source>
        <translation>seule une séance planifiée peut changer de groupe</translation>
    </message>
    <message>
        <source>this session is {status}; only a planned session can start</source>
        <translation>cette séance est à l’état «&#xa0;{status}&#xa0;»&#x202f;; seule une séance planifiée peut commencer</translation>
    </message>
    <message>
        <source>this session is {status}; only a session in progress can be completed</source>
        <translation>cette séance est à l’état «&#xa0;{status}&#xa0;»&#x202f;; seule une séance en cours peut être terminée</translation>
    </message>
    <message>
        <source>this session is {status}; only a planned session can be cancelled</source>
        <translation>cette séance est à l’état «&#xa0;{status}&#xa0;»&#x202f;; seule une séance planifiée peut être annulée</translation>
    </message>
    <message>
        <source>a completed session holds credits and cannot be deleted</source>
        <translation>une séance terminée porte des crédits et ne peut pas être supprimée</translation>
    </message>
    <message>
        <source>a break must end after it starts</source>
        <translation>une pause doit finir après avoir commencé</translation>
    </message>
    <message>
        <source>breaks belong to a session that has started</source>
        <translation>les pauses appartiennent à une séance commencée</translation>
    </message>
    <message>
        <source>this overlaps the break from {start} to {end}</source>
        <translation>ceci chevauche la pause de {start} à {end}</translation>
    </message>
    <message>
        <source>the session must end after it started</source>
        <translation>la séance doit finir après avoir commencé</translation>
    </message>
    <message>
        <source>this session was cancelled</source>
        <translation>cette séance a été annulée</translation>
    </message>
    <message>
        <source>this session is {status}; attendance can no longer be taken</source>
        <translation>cette séance est à l’état «&#xa0;{status}&#xa0;»&#x202f;; on ne peut plus y noter les présences</translation>
    </message>
    <message>
        <source>{name} is already checked in</source>
        <translation>l’arrivée de {name} est déjà notée</translation>
    </message>
    <message>
        <source>this person is not checked in</source>
        <translation>l’arrivée de cette personne n’est pas notée</translation>
    </message>
    <message>
        <source>cannot be before the arrival, {arrived}</source>
        <translation>ne peut pas précéder l’arrivée, {arrived}</translation>
    </message>
    <message>
        <source>minutes are corrected once the session is completed</source>
        <translation>les minutes se corrigent une fois la séance terminée</translation>
    </message>
    <message>
        <source>this person has no attendance at the session</source>
        <translation>cette personne n’a pas de présence à cette séance</translation>
    </message>
    <message>
        <source>this member is not in the group</source>
        <translation>ce membre ne fait pas partie du groupe</translation>
    </message>
    <message>
        <source>the first line must name the columns, with a “name” column (also: role, email, phone, licence, facilitator)</source>
        <translation>la première ligne doit nommer les colonnes, dont une colonne «&#xa0;nom&#xa0;» (aussi&#xa0;: rôle, courriel, téléphone, permis, animation)</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>le fichier est vide</translation>
    </message>
    <message>
        <source>more than {limit} rows; split the file</source>
        <translation>plus de {limit} lignes&#x202f;; divisez le fichier</translation>
    </message>
    <message>
        <source>“{role}” is not a role (use physician, MOA, nurse, allied health, administrator or other)</source>
        <translation>«&#xa0;{role}&#xa0;» n’est pas un rôle (écrivez médecin, AAM, personnel infirmier, professions paramédicales, gestionnaire ou autre)</translation>
    </message>
    <message>
        <source>the same person as line {line}</source>
        <translation>la même personne qu’à la ligne {line}</translation>
    </message>
    <message>
        <source>another topic is already called “{title}”</source>
        <translation>un autre thème s’appelle déjà «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>say what bias was perceived</source>
        <translation>dites quel biais a été perçu</translation>
    </message>
    <message>
        <source>evaluations are taken once the session has started</source>
        <translation>les évaluations se font une fois la séance commencée</translation>
    </message>
    <message>
        <source>this person has already evaluated the session</source>
        <translation>cette personne a déjà évalué la séance</translation>
    </message>
    <message>
        <source>choose your name, or untick the box to stay anonymous</source>
        <translation>choisissez votre nom, ou décochez la case pour rester anonyme</translation>
    </message>
    <message>
        <source>write at least one part of the reflection</source>
        <translation>écrivez au moins une partie de la réflexion</translation>
    </message>
    <message>
        <source>{name} did not attend this session: check them in first</source>
        <translation>{name} n’a pas assisté à cette séance&#xa0;: notez d’abord son arrivée</translation>
    </message>
    <message>
        <source>{name} has no private journal yet: set it up, or share the reflection with the group</source>
        <translation>{name} n’a pas encore de journal privé&#xa0;: configurez-le, ou partagez la réflexion avec le groupe</translation>
    </message>
    <message>
        <source>is already set up for this member; change its passphrase instead</source>
        <translation>est déjà configuré pour ce membre&#x202f;; changez plutôt sa phrase secrète</translation>
    </message>
    <message>
        <source>is already set up for this member</source>
        <translation>est déjà configuré pour ce membre</translation>
    </message>
    <message>
        <source>is needed to open a journal</source>
        <translation>est nécessaire pour ouvrir un journal</translation>
    </message>
    <message>
        <source>the owner must be a member of the plan&apos;s group</source>
        <translation>la personne responsable doit être membre du groupe du plan</translation>
    </message>
    <message>
        <source>the owner is already responsible; list others</source>
        <translation>cette personne est déjà responsable&#x202f;; nommez-en d’autres</translation>
    </message>
    <message>
        <source>a PDSA cycle needs an aim or a change idea</source>
        <translation>un cycle PEÉA a besoin d’un but ou d’une idée de changement</translation>
    </message>
    <message>
        <source>say who the support is for: a member or a clinic</source>
        <translation>dites pour qui est le soutien&#xa0;: un membre ou une clinique</translation>
    </message>
    <message>
        <source>this request is already {status}; it cannot be {doing}</source>
        <translation>cette demande est déjà à l’état «&#xa0;{status}&#xa0;»&#x202f;; elle ne peut pas être {doing}</translation>
    </message>
    <message>
        <source>a follow-up cannot be recorded in the future</source>
        <translation>un suivi ne peut pas être noté dans le futur</translation>
    </message>
    <message>
        <source>a follow-up cannot be recorded before the commitment was made ({made_on})</source>
        <translation>un suivi ne peut pas être noté avant la prise de l’engagement ({made_on})</translation>
    </message>
    <message>
        <source>must be a short lower_case word such as &apos;export_csv&apos;</source>
        <translation>doit être un mot court en minuscules, comme «&#xa0;export_csv&#xa0;»</translation>
    </message>
    <message>
        <source>must be one line starting &apos;{prefix}:&apos; as printed by &apos;clinicapp identity&apos;</source>
        <translation>doit tenir sur une ligne commençant par «&#xa0;{prefix}:&#xa0;», telle qu’affichée par «&#xa0;clinicapp identity&#xa0;»</translation>
    </message>
    <message>
        <source>the age recipient must start with &apos;age1&apos;</source>
        <translation>le destinataire age doit commencer par «&#xa0;age1&#xa0;»</translation>
    </message>
    <message>
        <source>the keys in this line are damaged</source>
        <translation>les clés de cette ligne sont endommagées</translation>
    </message>
    <message>
        <source>the minisign key in this line is damaged</source>
        <translation>la clé minisign de cette ligne est endommagée</translation>
    </message>
    <message>
        <source>give the peer a name, e.g. &apos;office&apos;</source>
        <translation>donnez un nom au poste, p. ex. «&#xa0;bureau&#xa0;»</translation>
    </message>
    <message>
        <source>that is this workstation&apos;s own identity</source>
        <translation>c’est l’identité de ce poste-ci</translation>
    </message>
    <message>
        <source>another peer is already called &apos;{name}&apos;</source>
        <translation>un autre poste s’appelle déjà «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>no central server is trusted yet: name the peer to export for, or add the central server&apos;s identity first</source>
        <translation>aucun serveur central n’est encore approuvé&#xa0;: nommez le poste destinataire, ou ajoutez d’abord l’identité du serveur central</translation>
    </message>
    <message>
        <source>conflict {conflict} is already closed ({resolution})</source>
        <translation>le conflit {conflict} est déjà clos ({resolution})</translation>
    </message>
    <message>
        <source>conflict {conflict} is settled with {choices}</source>
        <translation>le conflit {conflict} se règle avec {choices}</translation>
    </message>
    <message>
        <source>there are no groups; known divisions: {known}</source>
        <translation>il n’y a aucun groupe&#x202f;; divisions connues&#xa0;: {known}</translation>
    </message>
    <message>
        <source>no group belongs to division &apos;{division}&apos;; known divisions: {known}</source>
        <translation>aucun groupe n’appartient à la division «&#xa0;{division}&#xa0;»&#x202f;; divisions connues&#xa0;: {known}</translation>
    </message>
    <message>
        <source>must end in {suffixes} (got &apos;{name}&apos;)</source>
        <translation>doit se terminer par {suffixes} (reçu&#xa0;: «&#xa0;{name}&#xa0;»)</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name</source>
        <translation>{path} est un dossier&#x202f;; donnez un nom de fichier</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name such as {example}</source>
        <translation>{path} est un dossier&#x202f;; donnez un nom de fichier comme {example}</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>le dossier {folder} n’existe pas</translation>
    </message>
    <message>
        <source>unknown table &apos;{table}&apos;; choose one of: {known}</source>
        <translation>table inconnue «&#xa0;{table}&#xa0;»&#x202f;; choisissez parmi&#xa0;: {known}</translation>
    </message>
    <message>
        <source>no {what} matches &apos;{text}&apos;; give an id or a name</source>
        <translation>aucun élément ({what}) ne correspond à «&#xa0;{text}&#xa0;»&#x202f;; donnez un identifiant ou un nom</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; matches several: {names}; give the id</source>
        <translation>«&#xa0;{text}&#xa0;» correspond à plusieurs éléments&#xa0;: {names}&#x202f;; donnez l’identifiant</translation>
    </message>
    <message>
        <source>&apos;{title}&apos; is {status}; certificates are issued once it is completed</source>
        <translation>«&#xa0;{title}&#xa0;» est à l’état «&#xa0;{status}&#xa0;»&#x202f;; les attestations sont délivrées une fois la séance terminée</translation>
    </message>
    <message>
        <source>did not attend &apos;{title}&apos;; certificates are for participants who were present</source>
        <translation>n’a pas assisté à «&#xa0;{title}&#xa0;»&#x202f;; les attestations sont pour les personnes présentes</translation>
    </message>
    <message>
        <source>earned no credits at &apos;{title}&apos;; there is nothing to certify</source>
        <translation>n’a obtenu aucun crédit à «&#xa0;{title}&#xa0;»&#x202f;; il n’y a rien à attester</translation>
    </message>
    <message>
        <source>nobody was present at &apos;{title}&apos;; there is no certificate to print</source>
        <translation>personne n’était présent à «&#xa0;{title}&#xa0;»&#x202f;; il n’y a aucune attestation à imprimer</translation>
    </message>
    <message>
        <source>give a name of 1 to 100 printable characters</source>
        <translation>donnez un nom de 1 à 100 caractères imprimables</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; already exists</source>
        <translation>«&#xa0;{name}&#xa0;» existe déjà</translation>
    </message>
    <message>
        <source>give a duration like 30m, 12h, 7d or 2w</source>
        <translation>donnez une durée comme 30m, 12h, 7d ou 2w</translation>
    </message>
    <message>
        <source>must be between a second and a year</source>
        <translation>doit être entre une seconde et un an</translation>
    </message>
    <message>
        <source>name at least one group</source>
        <translation>nommez au moins un groupe</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; matches {count} devices: give the full replica id</source>
        <translation>«&#xa0;{key}&#xa0;» correspond à {count} appareils&#xa0;: donnez l’identifiant complet du réplica</translation>
    </message>
    <message>
        <source>no table &apos;{key}&apos; in this report</source>
        <translation>aucune table «&#xa0;{key}&#xa0;» dans ce rapport</translation>
    </message>
    <message>
        <source>demo data with seed {seed} is already in this database; use another --seed</source>
        <translation>des données de démonstration avec la graine {seed} sont déjà dans cette base&#x202f;; utilisez une autre valeur de --seed</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a time zone; use a name such as Africa/Kampala</source>
        <translation>«&#xa0;{name}&#xa0;» n’est pas un fuseau horaire&#x202f;; utilisez un nom comme Africa/Kampala</translation>
    </message>
    <message>
        <source>no group here is called &apos;{name}&apos;</source>
        <translation>aucun groupe ici ne s’appelle «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>several groups are called &apos;{name}&apos;: give its id</source>
        <translation>plusieurs groupes s’appellent «&#xa0;{name}&#xa0;»&#xa0;: donnez son identifiant</translation>
    </message>
    <message>
        <source>a central server may change every group: give --central or --groups, not both</source>
        <translation>un serveur central peut modifier tous les groupes&#xa0;: donnez --central ou --groups, pas les deux</translation>
    </message>
    <message>
        <source>a record cannot be merged into itself</source>
        <translation>une fiche ne peut pas être fusionnée avec elle-même</translation>
    </message>
    <message>
        <source>this merge was already undone</source>
        <translation>cette fusion a déjà été annulée</translation>
    </message>
    <message>
        <source>{path} already exists: choose a new file name (an identity file is never overwritten)</source>
        <translation>{path} existe déjà&#xa0;: choisissez un nouveau nom de fichier (un fichier d’identité n’est jamais écrasé)</translation>
    </message>
    <message>
        <source>This record no longer exists (it was deleted, perhaps on another workstation).</source>
        <translation>Cette fiche n’existe plus (elle a été supprimée, peut-être sur un autre poste).</translation>
    </message>
    <message>
        <source>The disk is full: this was not saved (nothing saved before it was lost). Free some space on the drive that holds ClinicApp’s data folder, then try again.</source>
        <translation>Le disque est plein : ceci n’a pas été enregistré (rien de ce qui l’était déjà n’est perdu). Libérez de l’espace sur le disque qui contient le dossier de données de ClinicApp, puis réessayez.</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <source>Session evaluation</source>
        <translation>Évaluation de la séance</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>Put my &amp;name on this evaluation (it is anonymous otherwise)</source>
        <translation>Mettre mon &amp;nom sur cette évaluation (sinon elle est anonyme)</translation>
    </message>
    <message>
        <source>— anonymous —</source>
        <translation>— anonyme —</translation>
    </message>
    <message>
        <source>&amp;Who</source>
        <translation>&amp;Qui</translation>
    </message>
    <message>
        <source>&amp;Objectives met?</source>
        <translation>&amp;Objectifs atteints ?</translation>
    </message>
    <message>
        <source>— not answered —</source>
        <translation>— sans réponse —</translation>
    </message>
    <message>
        <source>W&amp;hy</source>
        <translation>Pou&amp;rquoi</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>Commercial or other &amp;bias perceived?</source>
        <translation>&amp;Biais commercial ou autre perçu ?</translation>
    </message>
    <message>
        <source>&amp;Describe the bias</source>
        <translation>&amp;Décrivez le biais</translation>
    </message>
    <message>
        <source>not at all</source>
        <translation>pas du tout</translation>
    </message>
    <message>
        <source>very</source>
        <translation>très</translation>
    </message>
    <message>
        <source>&amp;Relevance to my practice</source>
        <translation>&amp;Pertinence pour ma pratique</translation>
    </message>
    <message>
        <source>O&amp;verall satisfaction</source>
        <translation>Satisfaction &amp;globale</translation>
    </message>
    <message>
        <source>&amp;Facilitation</source>
        <translation>&amp;Animation</translation>
    </message>
    <message>
        <source>poor</source>
        <translation>faible</translation>
    </message>
    <message>
        <source>excellent</source>
        <translation>excellente</translation>
    </message>
    <message>
        <source>&amp;Intent to change practice</source>
        <translation>&amp;Intention de changer sa pratique</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>forte</translation>
    </message>
    <message>
        <source>What &amp;motivates you to change?</source>
        <translation>Qu’est-ce qui vous &amp;motive à changer ?</translation>
    </message>
    <message>
        <source>B&amp;arriers to change</source>
        <translation>Obs&amp;tacles au changement</translation>
    </message>
    <message>
        <source>&amp;Comments</source>
        <translation>&amp;Commentaires</translation>
    </message>
    <message>
        <source>Submit and ne&amp;xt</source>
        <translation>Envoyer et &amp;suivant</translation>
    </message>
    <message>
        <source>Thank you — evaluation saved. Next participant, please.</source>
        <translation>Merci — évaluation enregistrée. Personne suivante, s’il vous plaît.</translation>
    </message>
</context>
<context>
    <name>EvaluationsTab</name>
    <message>
        <source>Each participant fills in the evaluation in turn. Evaluations are anonymous unless the participant chooses to sign theirs.</source>
        <translation>Chaque personne participante remplit l’évaluation à tour de rôle. Les évaluations sont anonymes, sauf si la personne choisit de signer la sienne.</translation>
    </message>
    <message>
        <source>Collect &amp;evaluations…</source>
        <translation>Recueillir les &amp;évaluations…</translation>
    </message>
    <message numerus="yes">
        <source>%n evaluations received.</source>
        <translation>
            <numerusform>%n évaluation reçue.</numerusform>
            <numerusform>%n évaluations reçues.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to ClinicApp</source>
        <translation>Bienvenue dans ClinicApp</translation>
    </message>
    <message>
        <source>ClinicApp records your group&apos;s learning sessions, attendance, reflections and action plans on this workstation, with or without internet. Everything is kept encrypted on this computer; bundles carry it to the program office.</source>
        <translation>ClinicApp enregistre sur ce poste les séances d’apprentissage de votre groupe, les présences, les réflexions et les plans d’action, avec ou sans internet. Tout est gardé chiffré sur cet ordinateur ; des paquets l’apportent au bureau du programme.</translation>
    </message>
    <message>
        <source>Choose the workstation passphrase. Everyone who opens ClinicApp on this computer needs it. Use at least %1 characters; a few words are easier to remember than a jumble of symbols.</source>
        <translation>Choisissez la phrase secrète du poste. Toute personne qui ouvre ClinicApp sur cet ordinateur en aura besoin. Utilisez au moins %1 caractères ; quelques mots se retiennent mieux qu’un fouillis de symboles.</translation>
    </message>
    <message>
        <source>Workstation passphrase</source>
        <translation>Phrase secrète du poste</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Confirmation de la phrase secrète</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Phrase secrète :</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>Con&amp;firmer :</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Robustesse de la phrase secrète</translation>
    </message>
    <message>
        <source>&amp;Unlock automatically for this computer account (stored in the system&apos;s credential store)</source>
        <translation>&amp;Déverrouiller automatiquement pour ce compte (trousseau du système)</translation>
    </message>
    <message>
        <source>&amp;Create my encrypted data</source>
        <translation>&amp;Créer mes données chiffrées</translation>
    </message>
    <message>
        <source>Too short: at least %1 characters.</source>
        <translation>Trop courte : au moins %1 caractères.</translation>
    </message>
    <message>
        <source>Weak: longer is better.</source>
        <translation>Faible : plus long, c’est mieux.</translation>
    </message>
    <message>
        <source>Fair.</source>
        <translation>Moyenne.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Robuste.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases secrètes diffèrent.</translation>
    </message>
    <message>
        <source>Creating the encrypted database…</source>
        <translation>Création de la base de données chiffrée…</translation>
    </message>
    <message>
        <source>This computer has no usable credential store: you will type the passphrase when ClinicApp starts.</source>
        <translation>Cet ordinateur n’a pas de trousseau utilisable : vous taperez la phrase secrète au démarrage de ClinicApp.</translation>
    </message>
    <message>
        <source>Your recovery key</source>
        <translation>Votre clé de récupération</translation>
    </message>
    <message>
        <source>If the passphrase is forgotten, this recovery key is the only other way into the data. It is shown only now. Print it or write it down and keep it locked away from the computer.</source>
        <translation>Si la phrase secrète est oubliée, cette clé de récupération est le seul autre moyen d’accéder aux données. Elle n’est affichée que maintenant. Imprimez-la ou recopiez-la et gardez-la sous clé, loin de l’ordinateur.</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clé de récupération</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>C&amp;opier</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <source>I have &amp;stored the recovery key safely</source>
        <translation>J’ai &amp;rangé la clé de récupération en lieu sûr</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>Con&amp;tinuer</translation>
    </message>
    <message>
        <source>ClinicApp recovery key

%1

Keep this paper locked away.</source>
        <translation>Clé de récupération ClinicApp

%1

Gardez ce papier sous clé.</translation>
    </message>
    <message>
        <source>Your data is ready</source>
        <translation>Vos données sont prêtes</translation>
    </message>
    <message>
        <source>Start with one of these, or go straight to the app.</source>
        <translation>Commencez par l’une de ces étapes, ou allez directement à l’application.</translation>
    </message>
    <message>
        <source>First group&apos;s name</source>
        <translation>Nom du premier groupe</translation>
    </message>
    <message>
        <source>Small group</source>
        <translation>Petit groupe</translation>
    </message>
    <message>
        <source>Community of practice</source>
        <translation>Communauté de pratique</translation>
    </message>
    <message>
        <source>First group&apos;s kind</source>
        <translation>Type du premier groupe</translation>
    </message>
    <message>
        <source>Group &amp;name:</source>
        <translation>&amp;Nom du groupe :</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>Create the &amp;group</source>
        <translation>Créer le &amp;groupe</translation>
    </message>
    <message>
        <source>Connect to a central &amp;server…</source>
        <translation>Se connecter à un &amp;serveur central…</translation>
    </message>
    <message>
        <source>With the server&apos;s address and the one-time code from the program office</source>
        <translation>Avec l’adresse du serveur et le code à usage unique donnés par le bureau du programme</translation>
    </message>
    <message>
        <source>The program office gives you the server&apos;s address and a one-time code; once connected, your groups come from the server. Without a server, exchange bundle files.</source>
        <translation>Le bureau du programme vous donne l’adresse du serveur et un code à usage unique ; une fois le poste connecté, vos groupes viennent du serveur. Sans serveur, échangez des fichiers paquets.</translation>
    </message>
    <message>
        <source>&amp;Import a bundle…</source>
        <translation>&amp;Importer un paquet…</translation>
    </message>
    <message>
        <source>Open &amp;ClinicApp</source>
        <translation>Ouvrir &amp;ClinicApp</translation>
    </message>
    <message>
        <source>Created “%1”.</source>
        <translation>« %1 » créé.</translation>
    </message>
    <message>
        <source>Connected to %1. Your groups arrive with the first sync, once ClinicApp is open.</source>
        <translation>Connecté à %1. Vos groupes arrivent avec la première synchronisation, une fois ClinicApp ouvert.</translation>
    </message>
    <message>
        <source>Import a bundle</source>
        <translation>Importer un paquet</translation>
    </message>
    <message>
        <source>ClinicApp bundles (*.clinicbundle *.age);;All files (*)</source>
        <translation>Paquets ClinicApp (*.clinicbundle *.age);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Follow up a commitment</source>
        <translation>Faire le suivi d’un engagement</translation>
    </message>
    <message>
        <source>&amp;Record follow-up</source>
        <translation>&amp;Enregistrer le suivi</translation>
    </message>
    <message>
        <source>A private commitment: ask its author what they committed to and how it went.</source>
        <translation>Un engagement privé&#xa0;: demandez à la personne qui l’a pris ce qu’elle s’est engagée à faire et comment cela s’est passé.</translation>
    </message>
    <message>
        <source>Target date: %1</source>
        <translation>Date cible : %1</translation>
    </message>
    <message>
        <source>Follow-up due: %1</source>
        <translation>Suivi dû : %1</translation>
    </message>
    <message>
        <source>Commitment</source>
        <translation>Engagement</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Résultat</translation>
    </message>
    <message>
        <source>What &amp;helped or hindered</source>
        <translation>Ce qui a &amp;aidé ou gêné</translation>
    </message>
    <message>
        <source>&amp;Followed up on</source>
        <translation>Suivi &amp;le</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Nouveau groupe</translation>
    </message>
    <message>
        <source>&amp;Create group</source>
        <translation>&amp;Créer le groupe</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <source>&amp;Division</source>
        <translation>&amp;Division</translation>
    </message>
    <message>
        <source>&amp;Region</source>
        <translation>&amp;Région</translation>
    </message>
    <message>
        <source>D&amp;escription</source>
        <translation>D&amp;escription</translation>
    </message>
</context>
<context>
    <name>GroupKinds</name>
    <message>
        <source>Small-group learning</source>
        <translation>Apprentissage en petit groupe</translation>
    </message>
    <message>
        <source>Community of practice (hub)</source>
        <translation>Communauté de pratique (pôle)</translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Division</source>
        <translation>Division</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Groupes</translation>
    </message>
    <message>
        <source>No group yet. Create your small group or community of practice first, then add its members.</source>
        <translation>Aucun groupe pour l’instant. Créez d’abord votre petit groupe ou votre communauté de pratique, puis ajoutez-y ses membres.</translation>
    </message>
    <message>
        <source>Create a &amp;group…</source>
        <translation>Créer un &amp;groupe…</translation>
    </message>
    <message>
        <source>New &amp;group…</source>
        <translation>Nouveau &amp;groupe…</translation>
    </message>
    <message>
        <source>Edit gro&amp;up…</source>
        <translation>Modifier le gro&amp;upe…</translation>
    </message>
    <message>
        <source>Gr&amp;oups</source>
        <translation>Gr&amp;oupes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Facilitator</source>
        <translation>Animation</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Licence / CFPC no.</source>
        <translation>Permis / n° CMFC</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>Liste des membres</translation>
    </message>
    <message>
        <source>No one on this roster yet. Add the members one by one, or import the list from a spreadsheet saved as CSV.</source>
        <translation>Personne n’est encore inscrit à ce groupe. Ajoutez les membres un à un, ou importez la liste d’un tableur enregistrée en CSV.</translation>
    </message>
    <message>
        <source>Import a &amp;roster…</source>
        <translation>Importer une &amp;liste…</translation>
    </message>
    <message>
        <source>&amp;New member…</source>
        <translation>&amp;Nouveau membre…</translation>
    </message>
    <message>
        <source>Add a new member to this group (Ctrl+N)</source>
        <translation>Ajouter un nouveau membre à ce groupe (Ctrl+N)</translation>
    </message>
    <message>
        <source>Add &amp;existing…</source>
        <translation>Ajouter un membre &amp;existant…</translation>
    </message>
    <message>
        <source>Ed&amp;it member…</source>
        <translation>&amp;Modifier le membre…</translation>
    </message>
    <message>
        <source>&amp;Facilitator</source>
        <translation>Personne &amp;animatrice</translation>
    </message>
    <message>
        <source>Mark or unmark the selected member as a facilitator of this group</source>
        <translation>Marquer ou non le membre choisi comme personne animatrice de ce groupe</translation>
    </message>
    <message>
        <source>&amp;Remove from group</source>
        <translation>&amp;Retirer du groupe</translation>
    </message>
    <message>
        <source>Import roster from &amp;CSV…</source>
        <translation>Importer une liste depuis un &amp;CSV…</translation>
    </message>
    <message>
        <source>Groups &amp; members</source>
        <translation>Groupes et membres</translation>
    </message>
    <message>
        <source>Create a group to start its roster.</source>
        <translation>Créez un groupe pour commencer sa liste de membres.</translation>
    </message>
    <message>
        <source>&amp;Roster of %1</source>
        <translation>&amp;Liste des membres de %1</translation>
    </message>
    <message>
        <source>Choose or create a group: its roster shows here.</source>
        <translation>Choisissez ou créez un groupe&#xa0;: ses membres s’affichent ici.</translation>
    </message>
    <message>
        <source>%1 added to the group.</source>
        <translation>%1 ajouté·e au groupe.</translation>
    </message>
    <message>
        <source>Remove from group</source>
        <translation>Retirer du groupe</translation>
    </message>
    <message>
        <source>Remove %1 from this group? Their attendance, reflections and certificates are kept.</source>
        <translation>Retirer %1 de ce groupe ? Ses présences, réflexions et attestations sont conservées.</translation>
    </message>
</context>
<context>
    <name>IdentifierWarningDialog</name>
    <message>
        <source>This may identify a patient</source>
        <translation>Ceci pourrait identifier un patient</translation>
    </message>
    <message>
        <source>Some of what you wrote looks like it could identify a patient. A reflection must not name a patient or give their health number, birth date or address — write “patient X” instead.</source>
        <translation>Une partie de ce que vous avez écrit pourrait identifier un patient. Une réflexion ne doit ni nommer un patient ni donner son numéro d’assurance maladie, sa date de naissance ou son adresse — écrivez plutôt « patient X ».</translation>
    </message>
    <message>
        <source>What looks like an identifier</source>
        <translation>Ce qui ressemble à un identifiant</translation>
    </message>
    <message>
        <source>&amp;Reword</source>
        <translation>&amp;Reformuler</translation>
    </message>
    <message>
        <source>&amp;Keep as written</source>
        <translation>&amp;Garder tel quel</translation>
    </message>
</context>
<context>
    <name>JournalDialog</name>
    <message>
        <source>My journal</source>
        <translation>Mon journal</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Journal passphrase</source>
        <translation>Phrase secrète du journal</translation>
    </message>
    <message>
        <source>Use my personal &amp;recovery code instead</source>
        <translation>Utiliser plutôt mon code de &amp;récupération personnel</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>&amp;Open my journal</source>
        <translation>&amp;Ouvrir mon journal</translation>
    </message>
    <message>
        <source>&amp;Set up a journal…</source>
        <translation>&amp;Configurer un journal…</translation>
    </message>
    <message>
        <source>C&amp;hange my passphrase…</source>
        <translation>C&amp;hanger ma phrase secrète…</translation>
    </message>
    <message>
        <source>With your present passphrase, or with your recovery code if you forgot it</source>
        <translation>Avec votre phrase secrète actuelle, ou avec votre code de récupération si vous l’avez oubliée</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Who are you?</source>
        <translation>&amp;Qui êtes-vous ?</translation>
    </message>
    <message>
        <source>&amp;Journal passphrase:</source>
        <translation>Phrase secrète du &amp;journal :</translation>
    </message>
    <message>
        <source>Your private reflections are sealed so that only your own passphrase opens them, on any workstation. Nobody else — not the facilitator, the clinic or the program office — can read them.</source>
        <translation>Vos réflexions privées sont scellées : seule votre propre phrase secrète les ouvre, sur n’importe quel poste. Personne d’autre — ni la personne animatrice, ni la clinique, ni le bureau du programme — ne peut les lire.</translation>
    </message>
    <message>
        <source>Search my journal</source>
        <translation>Rechercher dans mon journal</translation>
    </message>
    <message>
        <source>Private reflections</source>
        <translation>Réflexions privées</translation>
    </message>
    <message>
        <source>Reflection</source>
        <translation>Réflexion</translation>
    </message>
    <message>
        <source>Show &amp;older</source>
        <translation>Afficher les plus &amp;anciennes</translation>
    </message>
    <message>
        <source>&amp;Close journal</source>
        <translation>&amp;Fermer le journal</translation>
    </message>
    <message>
        <source>%1 has no private journal yet.</source>
        <translation>%1 n’a pas encore de journal privé.</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Code de récupération</translation>
    </message>
    <message>
        <source>Type your journal passphrase.</source>
        <translation>Tapez la phrase secrète de votre journal.</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Ouverture…</translation>
    </message>
    <message>
        <source>Journal of %1</source>
        <translation>Journal de %1</translation>
    </message>
    <message>
        <source>Wrong recovery code.</source>
        <translation>Code de récupération incorrect.</translation>
    </message>
    <message>
        <source>Wrong journal passphrase.</source>
        <translation>Phrase secrète du journal incorrecte.</translation>
    </message>
    <message>
        <source>Too many wrong tries: wait %1 s before trying again.</source>
        <translation>Trop d’essais incorrects : attendez %1 s avant de réessayer.</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Vous pouvez réessayer maintenant.</translation>
    </message>
    <message>
        <source>Your journal passphrase is changed. Open your journal with the new one.</source>
        <translation>La phrase secrète de votre journal est changée. Ouvrez votre journal avec la nouvelle.</translation>
    </message>
    <message>
        <source>Your journal is ready. Open it with your new passphrase.</source>
        <translation>Votre journal est prêt. Ouvrez-le avec votre nouvelle phrase secrète.</translation>
    </message>
    <message>
        <source>(session not on this workstation)</source>
        <translation>(séance absente de ce poste)</translation>
    </message>
    <message>
        <source>No private reflections yet.</source>
        <translation>Aucune réflexion privée pour l’instant.</translation>
    </message>
    <message>
        <source>Nothing in your journal matches.</source>
        <translation>Rien dans votre journal ne correspond.</translation>
    </message>
    <message>
        <source>This reflection does not open with your present journal key.</source>
        <translation>Cette réflexion ne s’ouvre pas avec la clé actuelle de votre journal.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
</context>
<context>
    <name>JournalFields</name>
    <message>
        <source>What?</source>
        <translation>Quoi ?</translation>
    </message>
    <message>
        <source>So what?</source>
        <translation>Et alors ?</translation>
    </message>
    <message>
        <source>Now what?</source>
        <translation>Et maintenant ?</translation>
    </message>
    <message>
        <source>Barriers</source>
        <translation>Obstacles</translation>
    </message>
    <message>
        <source>Supports needed</source>
        <translation>Soutiens nécessaires</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Physician</source>
        <translation>Médecin</translation>
    </message>
    <message>
        <source>Medical office assistant</source>
        <translation>Personnel administratif médical (AAM)</translation>
    </message>
    <message>
        <source>Nurse</source>
        <translation>Personnel infirmier</translation>
    </message>
    <message>
        <source>Allied health</source>
        <translation>Professions paramédicales</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Gestionnaire</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Prévue</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Mainpro+ (CFPC)</source>
        <translation>Mainpro+ (CMFC)</translation>
    </message>
    <message>
        <source>Royal College MOC</source>
        <translation>MDC du Collège royal</translation>
    </message>
    <message>
        <source>Other accreditation</source>
        <translation>Autre agrément</translation>
    </message>
    <message>
        <source>Not accredited</source>
        <translation>Aucun agrément</translation>
    </message>
    <message>
        <source>Certified</source>
        <translation>Certifié</translation>
    </message>
    <message>
        <source>Certified assessment</source>
        <translation>Évaluation certifiée</translation>
    </message>
    <message>
        <source>Non-certified</source>
        <translation>Non certifié</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Présent·e</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>Left early</source>
        <translation>Parti·e tôt</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Absent·e</translation>
    </message>
    <message>
        <source>Private (only me)</source>
        <translation>Privée (moi seul·e)</translation>
    </message>
    <message>
        <source>Shared with the group</source>
        <translation>Partagée avec le groupe</translation>
    </message>
    <message>
        <source>I will change my practice</source>
        <translation>Je vais changer ma pratique</translation>
    </message>
    <message>
        <source>I already do this</source>
        <translation>Je le fais déjà</translation>
    </message>
    <message>
        <source>I need more information</source>
        <translation>J’ai besoin de plus d’information</translation>
    </message>
    <message>
        <source>I will not change</source>
        <translation>Je ne changerai pas</translation>
    </message>
    <message>
        <source>Implemented</source>
        <translation>Mis en œuvre</translation>
    </message>
    <message>
        <source>Partly implemented</source>
        <translation>Mis en œuvre en partie</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Pas encore</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonné</translation>
    </message>
    <message>
        <source>Immediate</source>
        <translation>Immédiat</translation>
    </message>
    <message>
        <source>Within a year</source>
        <translation>D’ici un an</translation>
    </message>
    <message>
        <source>One to two years</source>
        <translation>Un à deux ans</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Pas commencée</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloquée</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Abandonnée</translation>
    </message>
    <message>
        <source>Adopt</source>
        <translation>Adopter</translation>
    </message>
    <message>
        <source>Adapt</source>
        <translation>Adapter</translation>
    </message>
    <message>
        <source>Abandon</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <source>Physician peer</source>
        <translation>Médecin pair</translation>
    </message>
    <message>
        <source>MOA peer mentor</source>
        <translation>AAM mentore</translation>
    </message>
    <message>
        <source>RST coordinator</source>
        <translation>Coordination ESR</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Demandée</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Planifiée</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Sans objet</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
</context>
<context>
    <name>LockController</name>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Verrouiller</translation>
    </message>
    <message>
        <source>Lock ClinicApp (Ctrl+L)</source>
        <translation>Verrouiller ClinicApp (Ctrl+L)</translation>
    </message>
    <message>
        <source>ClinicApp is locked.</source>
        <translation>ClinicApp est verrouillé.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>ClinicApp is locked</source>
        <translation>ClinicApp est verrouillé</translation>
    </message>
    <message>
        <source>Workstation passphrase</source>
        <translation>Phrase secrète du poste</translation>
    </message>
    <message>
        <source>Use the &amp;recovery key instead</source>
        <translation>Utiliser plutôt la clé de &amp;récupération</translation>
    </message>
    <message>
        <source>Unlock message</source>
        <translation>Message de déverrouillage</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clé de récupération</translation>
    </message>
    <message>
        <source>Type the workstation passphrase.</source>
        <translation>Tapez la phrase secrète du poste.</translation>
    </message>
    <message>
        <source>Wrong recovery key.</source>
        <translation>Clé de récupération incorrecte.</translation>
    </message>
    <message>
        <source>Wrong passphrase.</source>
        <translation>Phrase secrète incorrecte.</translation>
    </message>
    <message>
        <source>Too many wrong tries: wait %1 s before trying again.</source>
        <translation>Trop d’essais incorrects : attendez %1 s avant de réessayer.</translation>
    </message>
    <message>
        <source>The passphrase could not be checked: %1</source>
        <translation>La phrase secrète n’a pas pu être vérifiée : %1</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Vous pouvez réessayer maintenant.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ClinicApp</source>
        <translation>ClinicApp</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Sections</translation>
    </message>
    <message>
        <source>See the Sync page.</source>
        <translation>Voir la page Synchronisation.</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <source>&amp;About ClinicApp</source>
        <translation>À &amp;propos de ClinicApp</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Rechercher…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Paramètres</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>About ClinicApp</source>
        <translation>À propos de ClinicApp</translation>
    </message>
    <message>
        <source>&lt;b&gt;ClinicApp %1&lt;/b&gt;&lt;p&gt;Small-group learning and communities of practice, offline first.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;ClinicApp %1&lt;/b&gt;&lt;p&gt;Apprentissage en petits groupes et communautés de pratique, d’abord hors ligne.&lt;/p&gt;&lt;p&gt;Dossier des données : %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>Nouveau membre</translation>
    </message>
    <message>
        <source>&amp;Add member</source>
        <translation>&amp;Ajouter un membre</translation>
    </message>
    <message>
        <source>Full &amp;name</source>
        <translation>&amp;Nom complet</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rôle</translation>
    </message>
    <message>
        <source>&amp;Profession detail</source>
        <translation>&amp;Précision sur la profession</translation>
    </message>
    <message>
        <source>e.g. family physician, pharmacist</source>
        <translation>p. ex. médecin de famille, pharmacien·ne</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;Courriel</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>Télép&amp;hone</translation>
    </message>
    <message>
        <source>&amp;Licence / CFPC number</source>
        <translation>Permis / numéro C&amp;MFC</translation>
    </message>
    <message>
        <source>Printed on certificates</source>
        <translation>Imprimé sur les attestations</translation>
    </message>
    <message>
        <source>&amp;Facilitator of this group</source>
        <translation>Personne animatrice de ce &amp;groupe</translation>
    </message>
    <message>
        <source>Ac&amp;tive</source>
        <translation>Ac&amp;tif</translation>
    </message>
    <message>
        <source>Still takes part</source>
        <translation>Participe encore</translation>
    </message>
</context>
<context>
    <name>MemberSearchDialog</name>
    <message>
        <source>Add an existing member</source>
        <translation>Ajouter un membre existant</translation>
    </message>
    <message>
        <source>Type part of a name</source>
        <translation>Tapez une partie d’un nom</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Rechercher :</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message>
        <source>&amp;Add to group</source>
        <translation>&amp;Ajouter au groupe</translation>
    </message>
</context>
<context>
    <name>NewRecoveryKeyDialog</name>
    <message>
        <source>New recovery key</source>
        <translation>Nouvelle clé de récupération</translation>
    </message>
    <message>
        <source>This is the new recovery key; the old one no longer works. It is shown only now: print it or write it down.</source>
        <translation>Voici la nouvelle clé de récupération ; l’ancienne ne fonctionne plus. Elle n’est affichée que maintenant : imprimez-la ou recopiez-la.</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clé de récupération</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>C&amp;opier</translation>
    </message>
    <message>
        <source>I have &amp;stored the recovery key safely</source>
        <translation>J’ai &amp;rangé la clé de récupération en lieu sûr</translation>
    </message>
</context>
<context>
    <name>NotesTab</name>
    <message>
        <source>Session notes</source>
        <translation>Notes de séance</translation>
    </message>
    <message>
        <source>Session &amp;notes (saved as you type):</source>
        <translation>&amp;Notes de séance (enregistrées au fil de la frappe) :</translation>
    </message>
    <message>
        <source>&lt;b&gt;Objectives&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;Objectifs&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>&lt;i&gt;No objectives were planned.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Aucun objectif n’a été prévu.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Breaks (not counted for credits): %1 — %2 in all</source>
        <translation>Pauses (non comptées pour les crédits) : %1 — %2 au total</translation>
    </message>
    <message>
        <source>No breaks recorded.</source>
        <translation>Aucune pause enregistrée.</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>ClinicApp</source>
        <translation>ClinicApp</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>Set</source>
        <translation>Définir</translation>
    </message>
</context>
<context>
    <name>PassphraseGate</name>
    <message>
        <source>Workstation passphrase</source>
        <translation>Phrase secrète du poste</translation>
    </message>
    <message>
        <source>The workstation passphrase, please</source>
        <translation>La phrase secrète du poste, s’il vous plaît</translation>
    </message>
</context>
<context>
    <name>PdsaDialog</name>
    <message>
        <source>PDSA cycle %1</source>
        <translation>Cycle PEÉA %1</translation>
    </message>
    <message>
        <source>New PDSA cycle</source>
        <translation>Nouveau cycle PEÉA</translation>
    </message>
    <message>
        <source>&amp;Start cycle</source>
        <translation>&amp;Lancer le cycle</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Planifier</translation>
    </message>
    <message>
        <source>&amp;Aim</source>
        <translation>&amp;But</translation>
    </message>
    <message>
        <source>&amp;Change idea</source>
        <translation>Idée de &amp;changement</translation>
    </message>
    <message>
        <source>&amp;Prediction</source>
        <translation>&amp;Prédiction</translation>
    </message>
    <message>
        <source>&amp;Measure</source>
        <translation>&amp;Mesure</translation>
    </message>
    <message>
        <source>S&amp;tarted</source>
        <translation>Comme&amp;ncé</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Commencé</translation>
    </message>
    <message>
        <source>Do</source>
        <translation>Exécuter</translation>
    </message>
    <message>
        <source>What &amp;happened</source>
        <translation>Ce qui s’est pa&amp;ssé</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Étudier</translation>
    </message>
    <message>
        <source>&amp;Result against prediction</source>
        <translation>&amp;Résultat par rapport à la prédiction</translation>
    </message>
    <message>
        <source>Act</source>
        <translation>Agir</translation>
    </message>
    <message>
        <source>&amp;Decision</source>
        <translation>&amp;Décision</translation>
    </message>
    <message>
        <source>— not decided —</source>
        <translation>— pas décidé —</translation>
    </message>
    <message>
        <source>&amp;Ended</source>
        <translation>&amp;Terminé</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>PlanSessionDialog</name>
    <message>
        <source>Session details</source>
        <translation>Détails de la séance</translation>
    </message>
    <message>
        <source>Plan a session</source>
        <translation>Planifier une séance</translation>
    </message>
    <message>
        <source>&amp;Plan session</source>
        <translation>&amp;Planifier la séance</translation>
    </message>
    <message>
        <source>&amp;Group</source>
        <translation>&amp;Groupe</translation>
    </message>
    <message>
        <source>— no topic —</source>
        <translation>— aucun sujet —</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <source>&amp;Objectives (one per line)</source>
        <translation>&amp;Objectifs (un par ligne)</translation>
    </message>
    <message>
        <source>&amp;Date and time</source>
        <translation>&amp;Date et heure</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Top&amp;ic</source>
        <translation>&amp;Sujet</translation>
    </message>
    <message>
        <source>Planned le&amp;ngth</source>
        <translation>D&amp;urée prévue</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>&amp;Lieu</translation>
    </message>
    <message>
        <source>Facilitation &amp;method</source>
        <translation>&amp;Méthode d’animation</translation>
    </message>
    <message>
        <source>e.g. case-based discussion, PBSG module</source>
        <translation>p. ex. discussion de cas, module PBSG</translation>
    </message>
    <message>
        <source>&amp;Facilitators</source>
        <translation>Personnes a&amp;nimatrices</translation>
    </message>
    <message>
        <source>Accreditation</source>
        <translation>Agrément</translation>
    </message>
    <message>
        <source>Pro&amp;vider</source>
        <translation>P&amp;restataire</translation>
    </message>
    <message>
        <source>&amp;Body</source>
        <translation>Organ&amp;isme</translation>
    </message>
    <message>
        <source>C&amp;ategory</source>
        <translation>C&amp;atégorie</translation>
    </message>
    <message>
        <source>Credits per &amp;hour</source>
        <translation>Crédits par &amp;heure</translation>
    </message>
    <message>
        <source>no maximum</source>
        <translation>sans maximum</translation>
    </message>
    <message>
        <source>Ma&amp;ximum credits</source>
        <translation>Crédits ma&amp;ximum</translation>
    </message>
    <message>
        <source>&amp;Statement</source>
        <translation>&amp;Énoncé</translation>
    </message>
    <message>
        <source>&amp;Certification ID</source>
        <translation>N° de &amp;certification</translation>
    </message>
    <message>
        <source>New topic…</source>
        <translation>Nouveau sujet…</translation>
    </message>
    <message>
        <source>New topic</source>
        <translation>Nouveau sujet</translation>
    </message>
    <message>
        <source>Title of the new topic:</source>
        <translation>Titre du nouveau sujet :</translation>
    </message>
</context>
<context>
    <name>ProgressNoteDialog</name>
    <message>
        <source>Progress note</source>
        <translation>Note de suivi</translation>
    </message>
    <message>
        <source>&amp;Add note</source>
        <translation>&amp;Ajouter une note</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>&amp;What happened</source>
        <translation>&amp;Ce qui s’est passé</translation>
    </message>
</context>
<context>
    <name>RatingCombo</name>
    <message>
        <source>— not answered —</source>
        <translation>— sans réponse —</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Créer</translation>
    </message>
</context>
<context>
    <name>ReflectionForm</name>
    <message>
        <source>Only you see this form, and it is saved as you type. Do not name patients: write “patient X”.</source>
        <translation>Vous seul·e voyez ce formulaire, enregistré au fil de la frappe. Ne nommez pas de patient : écrivez « patient X ».</translation>
    </message>
    <message>
        <source>My reflection</source>
        <translation>Ma réflexion</translation>
    </message>
    <message>
        <source>&amp;What?</source>
        <translation>&amp;Quoi ?</translation>
    </message>
    <message>
        <source>What happened, what did I learn?</source>
        <translation>Que s’est-il passé, qu’ai-je appris ?</translation>
    </message>
    <message>
        <source>&amp;So what?</source>
        <translation>Et a&amp;lors ?</translation>
    </message>
    <message>
        <source>Why does it matter for my patients and my practice?</source>
        <translation>Pourquoi est-ce important pour mes patients et ma pratique ?</translation>
    </message>
    <message>
        <source>&amp;Now what?</source>
        <translation>Et &amp;maintenant ?</translation>
    </message>
    <message>
        <source>What will I do differently?</source>
        <translation>Que vais-je faire autrement ?</translation>
    </message>
    <message>
        <source>&amp;Barriers</source>
        <translation>&amp;Obstacles</translation>
    </message>
    <message>
        <source>What could get in the way?</source>
        <translation>Qu’est-ce qui pourrait faire obstacle ?</translation>
    </message>
    <message>
        <source>Su&amp;pports needed</source>
        <translation>Sou&amp;tiens nécessaires</translation>
    </message>
    <message>
        <source>What help would make it work?</source>
        <translation>Quelle aide permettrait d’y arriver ?</translation>
    </message>
    <message>
        <source>Pri&amp;vate — only I can read it, with my journal passphrase</source>
        <translation>Pri&amp;vée — moi seul·e peux la lire (phrase secrète de mon journal)</translation>
    </message>
    <message>
        <source>Share with the &amp;group</source>
        <translation>P&amp;artager avec le groupe</translation>
    </message>
    <message>
        <source>Set up my private &amp;journal…</source>
        <translation>Configurer mon &amp;journal privé…</translation>
    </message>
    <message>
        <source>Who can read it</source>
        <translation>Qui peut la lire</translation>
    </message>
    <message>
        <source>I &amp;commit to a change in practice (optional)</source>
        <translation>Je m’&amp;engage à changer ma pratique (facultatif)</translation>
    </message>
    <message>
        <source>The c&amp;hange</source>
        <translation>Le c&amp;hangement</translation>
    </message>
    <message>
        <source>S&amp;tance</source>
        <translation>Pos&amp;ition</translation>
    </message>
    <message>
        <source>C&amp;onfidence (1–5)</source>
        <translation>Con&amp;fiance (1–5)</translation>
    </message>
    <message>
        <source>not sure</source>
        <translation>pas sûr·e</translation>
    </message>
    <message>
        <source>certain</source>
        <translation>certain·e</translation>
    </message>
    <message>
        <source>Ba&amp;rriers to it</source>
        <translation>O&amp;bstacles</translation>
    </message>
    <message>
        <source>S&amp;upports I need</source>
        <translation>&amp;Soutiens dont j’ai besoin</translation>
    </message>
    <message>
        <source>T&amp;arget date</source>
        <translation>Date &amp;cible</translation>
    </message>
    <message>
        <source>By</source>
        <translation>D’ici le</translation>
    </message>
    <message>
        <source>Your reflection, %1</source>
        <translation>Votre réflexion, %1</translation>
    </message>
    <message>
        <source>To keep it private, set up your journal (a passphrase only you know). Until then it cannot be saved — or share it with the group.</source>
        <translation>Pour la garder privée, configurez votre journal (une phrase secrète que vous seul·e connaissez). D’ici là, elle ne peut pas être enregistrée — ou partagez-la avec le groupe.</translation>
    </message>
    <message>
        <source>Your reflection is sealed to your journal: no one else can read it. If you commit to a change, others see only that you made a commitment and when its follow-up is due — not its wording, stance or target date.</source>
        <translation>Votre réflexion est scellée dans votre journal&#xa0;: personne d’autre ne peut la lire. Si vous vous engagez à changer, les autres voient seulement que vous avez pris un engagement et la date de son suivi — ni sa formulation, ni votre position, ni la date visée.</translation>
    </message>
    <message>
        <source>Your group will be able to read your reflection and your commitment.</source>
        <translation>Votre groupe pourra lire votre réflexion et votre engagement.</translation>
    </message>
</context>
<context>
    <name>ReflectionRound</name>
    <message>
        <source>Reflection round — %1</source>
        <translation>Tour de réflexion — %1</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Reflection round&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Tour de réflexion&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Who is writing now? Choose your &amp;name:</source>
        <translation>Qui écrit maintenant ? Choisissez votre &amp;nom :</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>&amp;Start my reflection</source>
        <translation>&amp;Commencer ma réflexion</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Ne&amp;xt participant</source>
        <translation>Personne s&amp;uivante</translation>
    </message>
    <message>
        <source>Save and hand over to the next person</source>
        <translation>Enregistrer et passer à la personne suivante</translation>
    </message>
    <message>
        <source>&amp;End round</source>
        <translation>Terminer le tou&amp;r</translation>
    </message>
    <message>
        <source>Needs the workstation passphrase</source>
        <translation>Demande la phrase secrète du poste</translation>
    </message>
    <message>
        <source>%1 — done ✓</source>
        <translation>%1 — terminé ✓</translation>
    </message>
    <message>
        <source>⚠ Some words look like they could identify a patient: %1. Reword them, or press “Next participant” to decide.</source>
        <translation>⚠ Certains mots pourraient identifier un patient : %1. Reformulez-les, ou appuyez sur « Personne suivante » pour décider.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>Not saved yet: a private reflection needs your journal. Set it up, or choose “Share with the group”.</source>
        <translation>Pas encore enregistré : une réflexion privée demande votre journal. Configurez-le, ou choisissez « Partager avec le groupe ».</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré : %1</translation>
    </message>
    <message>
        <source>Reword what is highlighted, then press “Next participant” again.</source>
        <translation>Reformulez ce qui est surligné, puis appuyez de nouveau sur « Personne suivante ».</translation>
    </message>
    <message>
        <source>Commitment not saved: %1</source>
        <translation>Engagement non enregistré : %1</translation>
    </message>
    <message>
        <source>Thank you. Next participant, please choose your name.</source>
        <translation>Merci. Personne suivante, veuillez choisir votre nom.</translation>
    </message>
    <message>
        <source>Leaving the round needs the workstation passphrase, and none can be asked for here. Hand the keyboard to the next participant.</source>
        <translation>Quitter le tour demande la phrase secrète du poste, qui ne peut pas être demandée ici. Passez le clavier à la personne suivante.</translation>
    </message>
    <message>
        <source>The round stays open: the passphrase was not given.</source>
        <translation>Le tour reste ouvert : la phrase secrète n’a pas été donnée.</translation>
    </message>
</context>
<context>
    <name>ReflectionsPage</name>
    <message>
        <source>Reflections &amp; commitments</source>
        <translation>Réflexions et engagements</translation>
    </message>
    <message>
        <source>Private commitment</source>
        <translation>Engagement privé</translation>
    </message>
    <message>
        <source>Its author kept it private: ask them about it at the follow-up.</source>
        <translation>La personne qui l’a pris l’a gardé privé&#xa0;: posez-lui la question au suivi.</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Personne participante</translation>
    </message>
    <message>
        <source>Commitment</source>
        <translation>Engagement</translation>
    </message>
    <message>
        <source>Stance</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation>Suivi dû</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1 (en retard)</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>Suivis dus</translation>
    </message>
    <message>
        <source>Record &amp;follow-up…</source>
        <translation>Enregistrer le s&amp;uivi…</translation>
    </message>
    <message>
        <source>Commitments whose follow-up is due (about three months after their session), oldest first.</source>
        <translation>Engagements dont le suivi est dû (environ trois mois après leur séance), les plus anciens d’abord.</translation>
    </message>
    <message>
        <source>Follow-ups &amp;due</source>
        <translation>&amp;Suivis dus</translation>
    </message>
    <message numerus="yes">
        <source>%n due</source>
        <translation>
            <numerusform>%n à échéance</numerusform>
            <numerusform>%n à échéance</numerusform>
        </translation>
    </message>
    <message>
        <source>Type part of a name</source>
        <translation>Tapez une partie d’un nom</translation>
    </message>
    <message>
        <source>Find a participant</source>
        <translation>Trouver une personne participante</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>&amp;Personne participante :</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>What?</source>
        <translation>Quoi ?</translation>
    </message>
    <message>
        <source>So what?</source>
        <translation>Et alors ?</translation>
    </message>
    <message>
        <source>Now what?</source>
        <translation>Et maintenant ?</translation>
    </message>
    <message>
        <source>Reflections</source>
        <translation>Réflexions</translation>
    </message>
    <message>
        <source>Open My &amp;journal…</source>
        <translation>Ouvrir mon &amp;journal…</translation>
    </message>
    <message>
        <source>Private reflections open with the participant&apos;s own journal passphrase</source>
        <translation>Les réflexions privées s’ouvrent avec la phrase secrète du journal de la personne</translation>
    </message>
    <message>
        <source>&amp;Reflections across sessions:</source>
        <translation>&amp;Réflexions de toutes les séances :</translation>
    </message>
    <message>
        <source>Commitments</source>
        <translation>Engagements</translation>
    </message>
    <message>
        <source>&amp;Commitments:</source>
        <translation>&amp;Engagements :</translation>
    </message>
    <message>
        <source>Due or o&amp;verdue only</source>
        <translation>À é&amp;chéance ou en retard seulement</translation>
    </message>
    <message>
        <source>Record follow-&amp;up…</source>
        <translation>Enregistrer le s&amp;uivi…</translation>
    </message>
    <message>
        <source>By p&amp;articipant</source>
        <translation>Par p&amp;ersonne participante</translation>
    </message>
    <message>
        <source>private — open My journal</source>
        <translation>privée — ouvrez Mon journal</translation>
    </message>
    <message>
        <source>Choose a participant.</source>
        <translation>Choisissez une personne participante.</translation>
    </message>
    <message>
        <source>Follow-up recorded.</source>
        <translation>Suivi enregistré.</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>Choose a member for the credit statement.</source>
        <translation>Choisissez un membre pour le relevé de crédits.</translation>
    </message>
    <message>
        <source>Choose a completed session for the certificates.</source>
        <translation>Choisissez une séance terminée pour les attestations.</translation>
    </message>
    <message>
        <source>Nobody was present at this session.</source>
        <translation>Personne n’était présent à cette séance.</translation>
    </message>
    <message>
        <source>Choose a group for the group report.</source>
        <translation>Choisissez un groupe pour le rapport de groupe.</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Objectifs</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Facilitators</source>
        <translation>Personnes animatrices</translation>
    </message>
    <message>
        <source>ClinicApp sessions</source>
        <translation>Séances ClinicApp</translation>
    </message>
    <message>
        <source>Planned sessions</source>
        <translation>Séances prévues</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Prévue</translation>
    </message>
    <message>
        <source>No session is planned in this period.</source>
        <translation>Aucune séance n’est prévue pendant cette période.</translation>
    </message>
    <message>
        <source>Credit statement</source>
        <translation>Relevé de crédits</translation>
    </message>
    <message>
        <source>Attendance certificates</source>
        <translation>Attestations de participation</translation>
    </message>
    <message>
        <source>Group report</source>
        <translation>Rapport de groupe</translation>
    </message>
    <message>
        <source>Division report</source>
        <translation>Rapport de division</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>Tous les groupes</translation>
    </message>
    <message>
        <source>Distinct participants by role</source>
        <translation>Participants distincts par rôle</translation>
    </message>
    <message>
        <source>Commitments followed up, by outcome</source>
        <translation>Engagements suivis, par résultat</translation>
    </message>
    <message>
        <source>Action items by status</source>
        <translation>Actions par statut</translation>
    </message>
    <message>
        <source>Credits by credit year</source>
        <translation>Crédits par année de crédits</translation>
    </message>
    <message>
        <source>Sessions held and attendances by quarter</source>
        <translation>Séances tenues et présences par trimestre</translation>
    </message>
    <message>
        <source>Sessions held and attendances by month</source>
        <translation>Séances tenues et présences par mois</translation>
    </message>
    <message>
        <source>Sessions held</source>
        <translation>Séances tenues</translation>
    </message>
    <message>
        <source>Attendances</source>
        <translation>Présences</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Commitments</source>
        <translation>Engagements</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Crédits</translation>
    </message>
    <message>
        <source>Certified credits</source>
        <translation>Crédits certifiés</translation>
    </message>
    <message>
        <source>Certificate of attendance</source>
        <translation>Attestation de participation</translation>
    </message>
    <message>
        <source>Facilitator&apos;s signature</source>
        <translation>Signature de la personne animatrice</translation>
    </message>
    <message>
        <source>Sessions and participants</source>
        <translation>Séances et participants</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Évaluations</translation>
    </message>
    <message>
        <source>Practice change</source>
        <translation>Changement de pratique</translation>
    </message>
    <message>
        <source>Action plans</source>
        <translation>Plans d’action</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>du {first} au {last}</translation>
    </message>
    <message>
        <source>No attended sessions were recorded for this member in this period.</source>
        <translation>Aucune présence n’a été enregistrée pour ce membre pendant cette période.</translation>
    </message>
    <message>
        <source>Credits follow the time attended, at the session&apos;s credits per hour, capped at its certified maximum and rounded down.</source>
        <translation>Les crédits suivent le temps de présence, au taux de crédits par heure de la séance, plafonnés à son maximum certifié et arrondis vers le bas.</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Prestataire</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Time attended</source>
        <translation>Temps de présence</translation>
    </message>
    <message>
        <source>Accreditation</source>
        <translation>Agrément</translation>
    </message>
    <message>
        <source>Credits earned</source>
        <translation>Crédits obtenus</translation>
    </message>
    <message>
        <source>Certification ID</source>
        <translation>N° de certification</translation>
    </message>
    <message>
        <source>Certificate no.</source>
        <translation>N° d’attestation</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>No session was held in this period.</source>
        <translation>Aucune séance n’a eu lieu pendant cette période.</translation>
    </message>
    <message>
        <source>Nothing in this period.</source>
        <translation>Rien pendant cette période.</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Licence / CFPC no.</source>
        <translation>Permis / n° CMFC</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Sessions attended</source>
        <translation>Séances suivies</translation>
    </message>
    <message>
        <source>Hours attended</source>
        <translation>Heures de présence</translation>
    </message>
    <message>
        <source>Maximum for this activity</source>
        <translation>Maximum pour cette activité</translation>
    </message>
    <message>
        <source>This certifies that</source>
        <translation>Nous attestons que</translation>
    </message>
    <message>
        <source>attended</source>
        <translation>a participé à</translation>
    </message>
    <message>
        <source>Keep this certificate for six years: credit audits are random.</source>
        <translation>Conservez cette attestation six ans : les vérifications de crédits se font au hasard.</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Groupes</translation>
    </message>
    <message>
        <source>Credit year {label} ({first} to {last})</source>
        <translation>Année de crédits {label} (du {first} au {last})</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>{hours} hours ({minutes} minutes)</source>
        <translation>{hours} heures ({minutes} minutes)</translation>
    </message>
    <message>
        <source>{hours} hours ({minutes} minutes), {start}–{end}</source>
        <translation>{hours} heures ({minutes} minutes), de {start} à {end}</translation>
    </message>
    <message>
        <source>Counts under {n} (and figures resting on fewer than {n} people) are shown as &lt;{n} so that no one can be identified.</source>
        <translation>Les effectifs inférieurs à {n} (et les chiffres qui reposent sur moins de {n} personnes) sont affichés comme &lt;{n} afin que personne ne puisse être identifié.</translation>
    </message>
    <message>
        <source>up to {n} credits</source>
        <translation>jusqu’à {n} crédits</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Generated {when} by ClinicApp</source>
        <translation>Produit le {when} par ClinicApp</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Page {page} sur {pages}</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>By credit year (1 July – 30 June)</source>
        <translation>Par année de crédits (1er juillet – 30 juin)</translation>
    </message>
    <message>
        <source>By accrediting body</source>
        <translation>Par organisme d’agrément</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Topics of sessions held</source>
        <translation>Sujets des séances tenues</translation>
    </message>
    <message>
        <source>Session evaluations</source>
        <translation>Évaluations des séances</translation>
    </message>
    <message>
        <source>Commitments to change and their follow-up</source>
        <translation>Engagements à changer et leur suivi</translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>Sessions and attendances over time</source>
        <translation>Séances et présences au fil du temps</translation>
    </message>
    <message>
        <source>Mainpro+ cycle</source>
        <translation>Cycle Mainpro+</translation>
    </message>
    <message>
        <source>Target: {total} credits in five years, at least {certified} certified and {minimum} each year. Still needed: {left} credits, {left_cert} certified.</source>
        <translation>Cible : {total} crédits en cinq ans, dont au moins {certified} certifiés, et {minimum} par année. Il reste : {left} crédits, dont {left_cert} certifiés.</translation>
    </message>
    <message>
        <source>Sessions planned</source>
        <translation>Séances prévues</translation>
    </message>
    <message>
        <source>Sessions cancelled</source>
        <translation>Séances annulées</translation>
    </message>
    <message>
        <source>Hours of sessions held</source>
        <translation>Heures de séances tenues</translation>
    </message>
    <message>
        <source>Distinct participants</source>
        <translation>Participants distincts</translation>
    </message>
    <message>
        <source>Participant hours</source>
        <translation>Heures-participants</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Objectives met (% of yes or no answers)</source>
        <translation>Objectifs atteints (% des réponses oui ou non)</translation>
    </message>
    <message>
        <source>Bias perceived</source>
        <translation>Biais perçu</translation>
    </message>
    <message>
        <source>Relevance (mean, 1–5)</source>
        <translation>Pertinence (moyenne, 1–5)</translation>
    </message>
    <message>
        <source>Satisfaction (mean, 1–5)</source>
        <translation>Satisfaction (moyenne, 1–5)</translation>
    </message>
    <message>
        <source>Facilitation (mean, 1–5)</source>
        <translation>Animation (moyenne, 1–5)</translation>
    </message>
    <message>
        <source>Intent to change (mean, 1–5)</source>
        <translation>Intention de changer (moyenne, 1–5)</translation>
    </message>
    <message>
        <source>Commitments made</source>
        <translation>Engagements pris</translation>
    </message>
    <message>
        <source>Followed up</source>
        <translation>Suivis</translation>
    </message>
    <message>
        <source>Follow-up due, not yet recorded</source>
        <translation>Suivi dû, pas encore enregistré</translation>
    </message>
    <message>
        <source>Overdue (past due, not done or dropped)</source>
        <translation>En retard (échéance passée, ni terminées ni abandonnées)</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Séances</translation>
    </message>
    <message>
        <source>Credit year</source>
        <translation>Année de crédits</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Sujet</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>Certified</source>
        <translation>Certifié</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Accrediting body</source>
        <translation>Organisme d’agrément</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <source>Yearly minimum met</source>
        <translation>Minimum annuel atteint</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Personne participante</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Donnée</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>(no topic)</source>
        <translation>(aucun sujet)</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>% of followed up</source>
        <translation>% des suivis</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Objectives met:</source>
        <translation>Objectifs atteints :</translation>
    </message>
    <message>
        <source>Possible duplicates included (merge them on Groups &amp; members)</source>
        <translation>Doublons possibles inclus (fusionnez-les dans Groupes et membres)</translation>
    </message>
    <message>
        <source>Only the calendar is saved as .ics.</source>
        <translation>Seul le calendrier s’enregistre en .ics.</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Credit statement</source>
        <translation>Relevé de crédits</translation>
    </message>
    <message>
        <source>Attendance certificates</source>
        <translation>Attestations de participation</translation>
    </message>
    <message>
        <source>Group report</source>
        <translation>Rapport de groupe</translation>
    </message>
    <message>
        <source>Division report</source>
        <translation>Rapport de division</translation>
    </message>
    <message>
        <source>Calendar of planned sessions</source>
        <translation>Calendrier des séances prévues</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Division</source>
        <translation>Division</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Personne participante</translation>
    </message>
    <message>
        <source>This credit year (1 July – 30 June)</source>
        <translation>Cette année de crédits (1er juillet – 30 juin)</translation>
    </message>
    <message>
        <source>Last credit year</source>
        <translation>Année de crédits précédente</translation>
    </message>
    <message>
        <source>Last five credit years (the Mainpro+ cycle)</source>
        <translation>Cinq dernières années de crédits (cycle Mainpro+)</translation>
    </message>
    <message>
        <source>This calendar year</source>
        <translation>Cette année civile</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Dates personnalisées</translation>
    </message>
    <message>
        <source>Letter (8.5 × 11 in)</source>
        <translation>Lettre (8,5 × 11 po)</translation>
    </message>
    <message>
        <source>A4 (210 × 297 mm)</source>
        <translation>A4 (210 × 297 mm)</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>&amp;Rapport :</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>&amp;Membre :</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Groupe :</translation>
    </message>
    <message>
        <source>&amp;Division:</source>
        <translation>&amp;Division :</translation>
    </message>
    <message>
        <source>&amp;Session:</source>
        <translation>&amp;Séance :</translation>
    </message>
    <message>
        <source>P&amp;articipant:</source>
        <translation>Personne par&amp;ticipante :</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>Dates :</translation>
    </message>
    <message>
        <source>Pap&amp;er:</source>
        <translation>Papi&amp;er :</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Aperçu</translation>
    </message>
    <message>
        <source>Save P&amp;DF…</source>
        <translation>Enregistrer en PD&amp;F…</translation>
    </message>
    <message>
        <source>Save &amp;CSV…</source>
        <translation>Enregistrer en &amp;CSV…</translation>
    </message>
    <message>
        <source>Save calendar (.&amp;ics)…</source>
        <translation>Enregistrer le calendrier (.&amp;ics)…</translation>
    </message>
    <message>
        <source>Choose a report and its period above, then press Preview: its figures show here before you save or print it.</source>
        <translation>Choisissez un rapport et sa période ci-dessus, puis appuyez sur Aperçu&#xa0;: ses chiffres s’affichent ici avant que vous l’enregistriez ou l’imprimiez.</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <source>All participants</source>
        <translation>Tous les participants</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>Tous les groupes</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>Préparation du rapport…</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>Fichiers de calendrier (*.ics)</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Enregistrer le rapport</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 au %2</translation>
    </message>
    <message>
        <source>Saving the report…</source>
        <translation>Enregistrement du rapport…</translation>
    </message>
    <message>
        <source>Saved %1 in %2</source>
        <translation>Enregistré dans %2 : %1</translation>
    </message>
    <message>
        <source>Report saved.</source>
        <translation>Rapport enregistré.</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>Import roster from CSV</source>
        <translation>Importer une liste depuis un CSV</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>&amp;Choisir un fichier…</translation>
    </message>
    <message>
        <source>or paste the rows below (first line: column names)</source>
        <translation>ou collez les lignes ci-dessous (première ligne : noms des colonnes)</translation>
    </message>
    <message>
        <source>CSV text</source>
        <translation>Texte CSV</translation>
    </message>
    <message>
        <source>CS&amp;V:</source>
        <translation>CS&amp;V :</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Choose a file or paste the rows above. Each row shows here with what is wrong in it, if anything, before anything is imported.</source>
        <translation>Choisissez un fichier ou collez les lignes ci-dessus. Chaque ligne s’affiche ici avec ce qui ne va pas, le cas échéant, avant toute importation.</translation>
    </message>
    <message>
        <source>&amp;Preview:</source>
        <translation>&amp;Aperçu :</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>Roster file</source>
        <translation>Fichier de la liste</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Import %n valid rows</source>
        <translation>
            <numerusform>&amp;Importer %n ligne valide</numerusform>
            <numerusform>&amp;Importer %n lignes valides</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Profession detail</source>
        <translation>Précision sur la profession</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Licence / CFPC number</source>
        <translation>Numéro de permis / CMFC</translation>
    </message>
    <message>
        <source>Facilitator</source>
        <translation>Animation</translation>
    </message>
    <message numerus="yes">
        <source>%n new members created,</source>
        <translation>
            <numerusform>%n nouveau membre créé,</numerusform>
            <numerusform>%n nouveaux membres créés,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows skipped.</source>
        <translation>
            <numerusform>%n ligne ignorée.</numerusform>
            <numerusform>%n lignes ignorées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing the roster…</source>
        <translation>Importation de la liste…</translation>
    </message>
    <message numerus="yes">
        <source>%n rows:</source>
        <translation>
            <numerusform>%n ligne&#xa0;:</numerusform>
            <numerusform>%n lignes&#xa0;:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n valid,</source>
        <translation>
            <numerusform>%n valide,</numerusform>
            <numerusform>%n valides,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with a problem (shown in the last column; they will be skipped).</source>
        <translation>
            <numerusform>%n avec un problème (indiqué dans la dernière colonne&#xa0;; elle sera ignorée).</numerusform>
            <numerusform>%n avec un problème (indiqué dans la dernière colonne&#xa0;; elles seront ignorées).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows, all valid.</source>
        <translation>
            <numerusform>%n ligne, valide.</numerusform>
            <numerusform>%n lignes, toutes valides.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n added to the group,</source>
        <translation>
            <numerusform>%n ajouté au groupe,</numerusform>
            <numerusform>%n ajoutés au groupe,</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoundTab</name>
    <message>
        <source>In the reflection round each participant in turn writes a short reflection (What? So what? Now what?) and, if they wish, a commitment to change practice. The screen shows only the current participant&apos;s own form; leaving the round needs the workstation passphrase.</source>
        <translation>Pendant le tour de réflexion, chaque personne participante écrit à son tour une courte réflexion (Quoi ? Et alors ? Et maintenant ?) et, si elle le souhaite, un engagement à changer sa pratique. L’écran ne montre que le formulaire de la personne en cours ; quitter le tour demande la phrase secrète du poste.</translation>
    </message>
    <message>
        <source>Start the reflection &amp;round…</source>
        <translation>Commencer le &amp;tour de réflexion…</translation>
    </message>
    <message>
        <source>Reflections written</source>
        <translation>Réflexions écrites</translation>
    </message>
    <message>
        <source>✓ reflection written</source>
        <translation>✓ réflexion écrite</translation>
    </message>
    <message>
        <source>— not yet</source>
        <translation>— pas encore</translation>
    </message>
</context>
<context>
    <name>SaveIndicator</name>
    <message>
        <source>Save status</source>
        <translation>État de l’enregistrement</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>Toutes les modifications sont enregistrées</translation>
    </message>
    <message>
        <source>Not saved — %1</source>
        <translation>Non enregistré — %1</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search sessions, members, notes… (Ctrl+F)</source>
        <translation>Rechercher séances, membres, notes… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search everything</source>
        <translation>Tout rechercher</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <source>Reflection</source>
        <translation>Réflexion</translation>
    </message>
    <message>
        <source>Progress note</source>
        <translation>Note de suivi</translation>
    </message>
    <message>
        <source>Nothing found for “%1”</source>
        <translation>Rien trouvé pour « %1 »</translation>
    </message>
</context>
<context>
    <name>SessionRunWidget</name>
    <message>
        <source>◀ &amp;Back to sessions</source>
        <translation>◀ &amp;Retour aux séances</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>Dé&amp;tails…</translation>
    </message>
    <message>
        <source>Edit the plan and accreditation</source>
        <translation>Modifier la planification et l’agrément</translation>
    </message>
    <message>
        <source>Time running</source>
        <translation>Temps écoulé</translation>
    </message>
    <message>
        <source>&amp;Start session</source>
        <translation>&amp;Démarrer la séance</translation>
    </message>
    <message>
        <source>Start the clock (F5)</source>
        <translation>Démarrer le chronomètre (F5)</translation>
    </message>
    <message>
        <source>Start b&amp;reak</source>
        <translation>Commencer une &amp;pause</translation>
    </message>
    <message>
        <source>Breaks do not count towards credits (F6)</source>
        <translation>Les pauses ne comptent pas pour les crédits (F6)</translation>
    </message>
    <message>
        <source>Co&amp;mplete session</source>
        <translation>&amp;Clore la séance</translation>
    </message>
    <message>
        <source>End the session and compute credits (F8)</source>
        <translation>Terminer la séance et calculer les crédits (F8)</translation>
    </message>
    <message>
        <source>Cancel sessio&amp;n</source>
        <translation>A&amp;nnuler la séance</translation>
    </message>
    <message>
        <source>&amp;1 Attendance</source>
        <translation>&amp;1 Présences</translation>
    </message>
    <message>
        <source>&amp;2 Notes</source>
        <translation>&amp;2 Notes</translation>
    </message>
    <message>
        <source>&amp;3 Reflection round</source>
        <translation>&amp;3 Tour de réflexion</translation>
    </message>
    <message>
        <source>&amp;4 Evaluations</source>
        <translation>&amp;4 Évaluations</translation>
    </message>
    <message>
        <source>&amp;5 Credits</source>
        <translation>&amp;5 Crédits</translation>
    </message>
    <message>
        <source>%1 checked in.</source>
        <translation>%1 est arrivé·e.</translation>
    </message>
    <message>
        <source>planned %1</source>
        <translation>prévue %1</translation>
    </message>
    <message>
        <source>%1, %2, credits per hour: %3</source>
        <translation>%1, %2, crédits par heure&#xa0;: %3</translation>
    </message>
    <message>
        <source>End b&amp;reak</source>
        <translation>Finir la &amp;pause</translation>
    </message>
    <message>
        <source>(on a break)</source>
        <translation>(en pause)</translation>
    </message>
    <message>
        <source>Session started.</source>
        <translation>Séance démarrée.</translation>
    </message>
    <message>
        <source>Break started.</source>
        <translation>Pause commencée.</translation>
    </message>
    <message>
        <source>Break of %1 recorded.</source>
        <translation>Pause de %1 enregistrée.</translation>
    </message>
    <message>
        <source>Only %1 of the planned %2 have passed: everyone&apos;s credits would be counted on that time. %3</source>
        <translation>Seulement %1 des %2 prévues se sont écoulées&#xa0;: les crédits de chaque personne seraient calculés sur ce temps. %3</translation>
    </message>
    <message>
        <source>Complete session</source>
        <translation>Clore la séance</translation>
    </message>
    <message>
        <source>Complete the session now? Everyone still checked in is checked out now, and credits are computed from the minutes each person attended.</source>
        <translation>Clore la séance maintenant ? Le départ de toutes les personnes encore présentes est enregistré maintenant, et les crédits sont calculés selon les minutes de présence de chacun.</translation>
    </message>
    <message>
        <source>Session completed; credits computed.</source>
        <translation>Séance close ; crédits calculés.</translation>
    </message>
    <message>
        <source>Cancel session</source>
        <translation>Annuler la séance</translation>
    </message>
    <message>
        <source>Cancel this planned session?</source>
        <translation>Annuler cette séance prévue ?</translation>
    </message>
    <message>
        <source>Session cancelled.</source>
        <translation>Séance annulée.</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <source>&amp;Plan session…</source>
        <translation>&amp;Planifier une séance…</translation>
    </message>
    <message>
        <source>Plan a new session (Ctrl+N)</source>
        <translation>Planifier une nouvelle séance (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Open the selected session to run it (Enter)</source>
        <translation>Ouvrir la séance choisie pour l’animer (Entrée)</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>Tous les groupes</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tout statut</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>N’importe quand</translation>
    </message>
    <message>
        <source>Next 30 days</source>
        <translation>30 prochains jours</translation>
    </message>
    <message>
        <source>Past 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>This credit year</source>
        <translation>Cette année de crédits</translation>
    </message>
    <message>
        <source>Past 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message>
        <source>Title, objectives, notes, location</source>
        <translation>Titre, objectifs, notes, lieu</translation>
    </message>
    <message>
        <source>Search sessions</source>
        <translation>Rechercher des séances</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Groupe :</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Statut :</translation>
    </message>
    <message>
        <source>Peri&amp;od:</source>
        <translation>Périod&amp;e :</translation>
    </message>
    <message>
        <source>No session to show. Plan one — or, if you chose a group or a status above, widen the choice.</source>
        <translation>Aucune séance à afficher. Planifiez-en une — ou, si vous avez choisi un groupe ou un statut ci-dessus, élargissez ce choix.</translation>
    </message>
    <message>
        <source>&amp;Plan a session…</source>
        <translation>&amp;Planifier une séance…</translation>
    </message>
    <message numerus="yes">
        <source>%n sessions</source>
        <translation>
            <numerusform>%n séance</numerusform>
            <numerusform>%n séances</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Rechercher :</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Séances</translation>
    </message>
    <message>
        <source>Session planned.</source>
        <translation>Séance planifiée.</translation>
    </message>
</context>
<context>
    <name>SetUpJournalDialog</name>
    <message>
        <source>Set up a private journal</source>
        <translation>Configurer un journal privé</translation>
    </message>
    <message>
        <source>New journal passphrase</source>
        <translation>Nouvelle phrase secrète du journal</translation>
    </message>
    <message>
        <source>Journal passphrase again</source>
        <translation>Confirmation de la phrase secrète du journal</translation>
    </message>
    <message>
        <source>&amp;Set up my journal</source>
        <translation>&amp;Configurer mon journal</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Your private reflections will be encrypted so that only this passphrase opens them, on any workstation. Nobody else can read them: not the facilitator, the clinic, the program office, or ClinicApp&apos;s makers.

&lt;b&gt;If you forget this passphrase and lose the recovery code shown next, your private reflections cannot be read again, by anyone, ever.&lt;/b&gt;</source>
        <translation>Vos réflexions privées seront chiffrées : seule cette phrase secrète pourra les ouvrir, sur n’importe quel poste. Personne d’autre ne pourra les lire : ni la personne animatrice, ni la clinique, ni le bureau du programme, ni les concepteurs de ClinicApp.

&lt;b&gt;Si vous oubliez cette phrase secrète et perdez le code de récupération affiché ensuite, plus personne ne pourra jamais lire vos réflexions privées.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Phrase secrète :</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>Con&amp;firmer :</translation>
    </message>
    <message>
        <source>A private journal for %1</source>
        <translation>Un journal privé pour %1</translation>
    </message>
    <message>
        <source>Personal recovery code</source>
        <translation>Code de récupération personnel</translation>
    </message>
    <message>
        <source>I have &amp;written it down and will keep it where only I can find it</source>
        <translation>Je l’ai &amp;noté et je le garderai là où moi seul·e peux le trouver</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Terminé</translation>
    </message>
    <message>
        <source>This is your personal recovery code. It is shown only now. With it you can open your journal and choose a new passphrase if you forget yours. Write it down; do not keep it on this computer.</source>
        <translation>Voici votre code de récupération personnel. Il n’est affiché que maintenant. Il vous permet d’ouvrir votre journal et de choisir une nouvelle phrase secrète si vous oubliez la vôtre. Notez-le ; ne le gardez pas sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Your recovery code</source>
        <translation>Votre code de récupération</translation>
    </message>
    <message>
        <source>Too short: at least %1 characters. A few words you will remember are best.</source>
        <translation>Trop courte : au moins %1 caractères. Quelques mots faciles à retenir, c’est l’idéal.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases secrètes diffèrent.</translation>
    </message>
    <message>
        <source>Making your journal key…</source>
        <translation>Création de la clé de votre journal…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Data location</source>
        <translation>Emplacement des données</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Dossier des données :</translation>
    </message>
    <message>
        <source>Logs:</source>
        <translation>Journaux :</translation>
    </message>
    <message>
        <source>&amp;Open data folder</source>
        <translation>&amp;Ouvrir le dossier des données</translation>
    </message>
    <message>
        <source>To move the data, start ClinicApp with --data-dir or set CLINICAPP_DATA_DIR.</source>
        <translation>Pour déplacer les données, lancez ClinicApp avec --data-dir ou définissez CLINICAPP_DATA_DIR.</translation>
    </message>
    <message>
        <source>Central server</source>
        <translation>Serveur central</translation>
    </message>
    <message>
        <source>Connect to a &amp;central server…</source>
        <translation>Se connecter à un serveur &amp;central…</translation>
    </message>
    <message>
        <source>Connected to %1 (fingerprint %2).</source>
        <translation>Connecté à %1 (empreinte %2).</translation>
    </message>
    <message>
        <source>Not connected: this workstation exchanges bundle files only.</source>
        <translation>Non connecté&#xa0;: ce poste n’échange que des fichiers de paquets.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sauvegardes</translation>
    </message>
    <message>
        <source>Backups are encrypted with the same key as the data; they open only on this workstation&apos;s keystore.</source>
        <translation>Les sauvegardes sont chiffrées avec la même clé que les données ; elles ne s’ouvrent qu’avec le trousseau de ce poste.</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <source>&amp;Restore the selected backup…</source>
        <translation>&amp;Restaurer la sauvegarde choisie…</translation>
    </message>
    <message>
        <source>No backup yet: press “Back up now” to make one.
ClinicApp also makes them on its own.</source>
        <translation>Aucune sauvegarde pour l’instant&#xa0;: appuyez sur «&#xa0;Sauvegarder maintenant&#xa0;» pour en faire une.
ClinicApp en fait aussi de lui-même.</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Sauvegarde en cours…</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>Sauvegardé dans %1</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <source>Choose a backup in the list first.</source>
        <translation>Choisissez d’abord une sauvegarde dans la liste.</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>Replace all data on this workstation with the backup “%1”?

Everything entered since then is replaced. A backup of the present data is made first, so this can be undone.</source>
        <translation>Remplacer toutes les données de ce poste par la sauvegarde « %1 » ?

Tout ce qui a été saisi depuis est remplacé. Une sauvegarde des données actuelles est faite d’abord : l’opération peut donc être annulée.</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Restauration…</translation>
    </message>
    <message>
        <source>The backup was restored. The data from before is kept in %1.</source>
        <translation>La sauvegarde a été restaurée. Les données d’avant sont conservées dans %1.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Langue de l’interface</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Suivre le système</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>The new language applies when ClinicApp restarts.</source>
        <translation>La nouvelle langue s’applique au redémarrage de ClinicApp.</translation>
    </message>
    <message>
        <source>Workstation settings</source>
        <translation>Paramètres du poste</translation>
    </message>
    <message>
        <source>Advanced: sync between workstations</source>
        <translation>Avancé&#xa0;: synchronisation entre postes</translation>
    </message>
    <message>
        <source>Leave these as they are unless the program office asks you to change them.</source>
        <translation>Laissez ces réglages tels quels, sauf si le bureau du programme vous demande de les changer.</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1&#xa0;:</translation>
    </message>
    <message>
        <source>Organisation name</source>
        <translation>Nom de l’organisation</translation>
    </message>
    <message>
        <source>Credit rounding step</source>
        <translation>Pas d’arrondi des crédits</translation>
    </message>
    <message>
        <source>Commitment follow-up (months)</source>
        <translation>Suivi des engagements (mois)</translation>
    </message>
    <message>
        <source>Lock when idle (minutes)</source>
        <translation>Verrouiller après inactivité (minutes)</translation>
    </message>
    <message>
        <source>Maximum clock drift (hours)</source>
        <translation>Décalage d’horloge maximal (heures)</translation>
    </message>
    <message>
        <source>Resend unacknowledged changes after (days)</source>
        <translation>Renvoyer les modifications non confirmées après (jours)</translation>
    </message>
    <message>
        <source>Automatic backups kept</source>
        <translation>Sauvegardes automatiques conservées</translation>
    </message>
    <message>
        <source>Keep attendance at least (years)</source>
        <translation>Conserver les présences au moins (ans)</translation>
    </message>
    <message>
        <source>Suppress counts below</source>
        <translation>Masquer les effectifs inférieurs à</translation>
    </message>
    <message>
        <source>Clinic time zone</source>
        <translation>Fuseau horaire de la clinique</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>Passphrase and recovery key</source>
        <translation>Phrase secrète et clé de récupération</translation>
    </message>
    <message>
        <source>&amp;Change the workstation passphrase…</source>
        <translation>&amp;Changer la phrase secrète du poste…</translation>
    </message>
    <message>
        <source>Replace the recovery &amp;key…</source>
        <translation>Remplacer la clé de récu&amp;pération…</translation>
    </message>
    <message>
        <source>Unlock &amp;automatically for this computer account (system credential store)</source>
        <translation>Déverrouiller &amp;automatiquement pour ce compte (trousseau du système)</translation>
    </message>
    <message>
        <source>Replace the recovery key</source>
        <translation>Remplacer la clé de récupération</translation>
    </message>
    <message>
        <source>The old recovery key stops working at once. Make a new one?</source>
        <translation>L’ancienne clé de récupération cesse aussitôt de fonctionner. En créer une nouvelle ?</translation>
    </message>
    <message>
        <source>Credential store</source>
        <translation>Trousseau du système</translation>
    </message>
    <message>
        <source>This computer&apos;s credential store cannot be used (%1). The passphrase still works.</source>
        <translation>Le trousseau de cet ordinateur ne peut pas être utilisé (%1). La phrase secrète fonctionne toujours.</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Journal d’audit</translation>
    </message>
    <message>
        <source>Bundle exported</source>
        <translation>Paquet exporté</translation>
    </message>
    <message>
        <source>Bundle imported</source>
        <translation>Paquet importé</translation>
    </message>
    <message>
        <source>Bundle refused</source>
        <translation>Paquet refusé</translation>
    </message>
    <message>
        <source>Synchronised</source>
        <translation>Synchronisé</translation>
    </message>
    <message>
        <source>CSV exported</source>
        <translation>CSV exporté</translation>
    </message>
    <message>
        <source>Report saved</source>
        <translation>Rapport enregistré</translation>
    </message>
    <message>
        <source>Wrong passphrase</source>
        <translation>Phrase de passe erronée</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>Sauvegarde faite</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Sauvegarde restaurée</translation>
    </message>
    <message>
        <source>Journal opened</source>
        <translation>Journal ouvert</translation>
    </message>
    <message>
        <source>Demo data added</source>
        <translation>Données de démonstration ajoutées</translation>
    </message>
    <message>
        <source>Journal passphrase changed</source>
        <translation>Phrase de passe du journal changée</translation>
    </message>
    <message>
        <source>Journal recovery code replaced</source>
        <translation>Code de récupération du journal remplacé</translation>
    </message>
    <message>
        <source>Workstation passphrase changed</source>
        <translation>Phrase de passe du poste changée</translation>
    </message>
    <message>
        <source>Recovery key replaced</source>
        <translation>Clé de récupération remplacée</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>Paramètre modifié</translation>
    </message>
    <message>
        <source>Automatic unlock turned on</source>
        <translation>Déverrouillage automatique activé</translation>
    </message>
    <message>
        <source>Automatic unlock turned off</source>
        <translation>Déverrouillage automatique désactivé</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Status line</source>
        <translation>Ligne d’état</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Last exchange</source>
        <translation>Dernier échange</translation>
    </message>
    <message>
        <source>Changes not yet sent</source>
        <translation>Modifications pas encore envoyées</translation>
    </message>
    <message>
        <source>Sync status unavailable</source>
        <translation>État de la synchronisation indisponible</translation>
    </message>
    <message>
        <source>Central server trusted — bundles only (not connected)</source>
        <translation>Serveur central approuvé — paquets seulement (non connecté)</translation>
    </message>
    <message>
        <source>Offline — bundles only</source>
        <translation>Hors ligne — paquets seulement</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Last export: %1 · last import: %2</source>
        <translation>Dernier export : %1 · dernier import : %2</translation>
    </message>
    <message numerus="yes">
        <source>%n sessions</source>
        <translation>
            <numerusform>%n séance</numerusform>
            <numerusform>%n séances</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attendance records</source>
        <translation>
            <numerusform>%n présence</numerusform>
            <numerusform>%n présences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reflections</source>
        <translation>
            <numerusform>%n réflexion</numerusform>
            <numerusform>%n réflexions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n commitments</source>
        <translation>
            <numerusform>%n engagement</numerusform>
            <numerusform>%n engagements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evaluations</source>
        <translation>
            <numerusform>%n évaluation</numerusform>
            <numerusform>%n évaluations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n members</source>
        <translation>
            <numerusform>%n membre</numerusform>
            <numerusform>%n membres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n roster entries</source>
        <translation>
            <numerusform>%n inscription au groupe</numerusform>
            <numerusform>%n inscriptions aux groupes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n groups</source>
        <translation>
            <numerusform>%n groupe</numerusform>
            <numerusform>%n groupes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n support requests</source>
        <translation>
            <numerusform>%n demande de soutien</numerusform>
            <numerusform>%n demandes de soutien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action plans</source>
        <translation>
            <numerusform>%n plan d’action</numerusform>
            <numerusform>%n plans d’action</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action items</source>
        <translation>
            <numerusform>%n action</numerusform>
            <numerusform>%n actions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n progress notes</source>
        <translation>
            <numerusform>%n note de suivi</numerusform>
            <numerusform>%n notes de suivi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n PDSA cycles</source>
        <translation>
            <numerusform>%n cycle PEÉA</numerusform>
            <numerusform>%n cycles PEÉA</numerusform>
        </translation>
    </message>
    <message>
        <source>All changes sent</source>
        <translation>Toutes les modifications sont envoyées</translation>
    </message>
    <message>
        <source>Not yet sent to the office: a few changes</source>
        <translation>Pas encore envoyé au bureau&#xa0;: quelques modifications</translation>
    </message>
    <message>
        <source>Not yet sent to the office:</source>
        <translation>Pas encore envoyé au bureau&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more kinds</source>
        <translation>
            <numerusform>%1 et %n autre type</numerusform>
            <numerusform>%1 et %n autres types</numerusform>
        </translation>
    </message>
    <message>
        <source>Not yet sent to the office: %1</source>
        <translation>Pas encore envoyé au bureau&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>SupportPage</name>
    <message>
        <source>&amp;New request…</source>
        <translation>&amp;Nouvelle demande…</translation>
    </message>
    <message>
        <source>Request in-office support (Ctrl+N)</source>
        <translation>Demander du soutien au cabinet (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Schedule…</source>
        <translation>&amp;Planifier…</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>Marquer comme &amp;fait</translation>
    </message>
    <message>
        <source>Ca&amp;ncel request</source>
        <translation>Annu&amp;ler la demande</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Demandes ouvertes</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>Toutes les demandes</translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation>Affic&amp;her :</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Demandé</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Soutien</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Pour</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Sujet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Planifié</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fait</translation>
    </message>
    <message>
        <source>Support requests</source>
        <translation>Demandes de soutien</translation>
    </message>
    <message>
        <source>No support request here. When someone asks for help in their office after a session, record it here.</source>
        <translation>Aucune demande de soutien ici. Quand une personne demande de l’aide à son cabinet après une séance, notez-la ici.</translation>
    </message>
    <message>
        <source>Record a &amp;request…</source>
        <translation>Noter une &amp;demande…</translation>
    </message>
    <message numerus="yes">
        <source>%n requests</source>
        <translation>
            <numerusform>%n demande</numerusform>
            <numerusform>%n demandes</numerusform>
        </translation>
    </message>
    <message>
        <source>Support requested.</source>
        <translation>Soutien demandé.</translation>
    </message>
    <message>
        <source>Schedule support</source>
        <translation>Planifier le soutien</translation>
    </message>
    <message>
        <source>Visit &amp;on:</source>
        <translation>Visite &amp;le :</translation>
    </message>
    <message>
        <source>Support scheduled.</source>
        <translation>Soutien planifié.</translation>
    </message>
    <message>
        <source>Support done</source>
        <translation>Soutien fait</translation>
    </message>
    <message>
        <source>Done &amp;on:</source>
        <translation>Fait &amp;le :</translation>
    </message>
    <message>
        <source>Support marked done.</source>
        <translation>Soutien marqué comme fait.</translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation>Annuler la demande</translation>
    </message>
    <message>
        <source>Cancel this support request? It stays in the list as cancelled.</source>
        <translation>Annuler cette demande de soutien ? Elle reste dans la liste comme annulée.</translation>
    </message>
    <message>
        <source>Support request cancelled.</source>
        <translation>Demande de soutien annulée.</translation>
    </message>
</context>
<context>
    <name>SupportRequestDialog</name>
    <message>
        <source>Support request</source>
        <translation>Demande de soutien</translation>
    </message>
    <message>
        <source>New support request</source>
        <translation>Nouvelle demande de soutien</translation>
    </message>
    <message>
        <source>&amp;Request support</source>
        <translation>&amp;Demander du soutien</translation>
    </message>
    <message>
        <source>&amp;Kind of support</source>
        <translation>&amp;Type de soutien</translation>
    </message>
    <message>
        <source>For &amp;member</source>
        <translation>Pour le &amp;membre</translation>
    </message>
    <message>
        <source>— a clinic —</source>
        <translation>— une clinique —</translation>
    </message>
    <message>
        <source>Cli&amp;nic</source>
        <translation>Cli&amp;nique</translation>
    </message>
    <message>
        <source>Clinic name, when the support is for a clinic</source>
        <translation>Nom de la clinique, si le soutien est pour une clinique</translation>
    </message>
    <message>
        <source>&amp;Topic</source>
        <translation>&amp;Sujet</translation>
    </message>
    <message>
        <source>Requested &amp;on</source>
        <translation>Demandé &amp;le</translation>
    </message>
    <message>
        <source>Not&amp;es</source>
        <translation>N&amp;otes</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>scheduled for %1</source>
        <translation>planifié le %1</translation>
    </message>
    <message>
        <source>done on %1</source>
        <translation>fait le %1</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>Paquets</translation>
    </message>
    <message>
        <source>Sync summary</source>
        <translation>Résumé de la synchronisation</translation>
    </message>
    <message>
        <source>&amp;Export a bundle…</source>
        <translation>&amp;Exporter un paquet…</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Dernier résultat</translation>
    </message>
    <message>
        <source>Central server</source>
        <translation>Serveur central</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;ynchroniser maintenant</translation>
    </message>
    <message>
        <source>Not connected to a central server: Settings → Connect to a central server.</source>
        <translation>Non connecté à un serveur central&#xa0;: Paramètres → Se connecter à un serveur central.</translation>
    </message>
    <message>
        <source>Conflicts to review</source>
        <translation>Conflits à examiner</translation>
    </message>
    <message>
        <source>Two workstations changed the same field. The newer change was kept; choose “Use the other value” where the older one was right.</source>
        <translation>Deux postes ont modifié le même champ. La modification la plus récente a été retenue ; choisissez « Utiliser l’autre valeur » là où l’ancienne était la bonne.</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <source>No conflicts to review. When two workstations change the same field, the value that was not kept waits here for your choice.</source>
        <translation>Aucun conflit à examiner. Quand deux postes modifient le même champ, la valeur qui n’a pas été retenue attend ici votre choix.</translation>
    </message>
    <message>
        <source>&amp;Keep the kept value</source>
        <translation>&amp;Garder la valeur retenue</translation>
    </message>
    <message>
        <source>&amp;Use the other value</source>
        <translation>&amp;Utiliser l’autre valeur</translation>
    </message>
    <message>
        <source>&amp;Restore the deleted record</source>
        <translation>&amp;Rétablir l’enregistrement supprimé</translation>
    </message>
    <message>
        <source>For a record deleted on one workstation while another changed it: bring it back, with the change, on every workstation.</source>
        <translation>Pour un enregistrement supprimé sur un poste pendant qu’un autre le modifiait : le rétablir, avec la modification, sur tous les postes.</translation>
    </message>
    <message>
        <source>&amp;Keep it deleted</source>
        <translation>&amp;Le laisser supprimé</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
    <message>
        <source>Sync details</source>
        <translation>Détails de la synchronisation</translation>
    </message>
    <message>
        <source>Workstations</source>
        <translation>Postes</translation>
    </message>
    <message>
        <source>This &amp;workstation:</source>
        <translation>Ce &amp;poste :</translation>
    </message>
    <message>
        <source>This workstation&apos;s identity line</source>
        <translation>Ligne d’identité de ce poste</translation>
    </message>
    <message>
        <source>Co&amp;py</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copy this line for the other workstation</source>
        <translation>Copier cette ligne pour l’autre poste</translation>
    </message>
    <message>
        <source>&amp;Trust a workstation…</source>
        <translation>Faire con&amp;fiance à un poste…</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>Pairs</translation>
    </message>
    <message>
        <source>Clock warnings</source>
        <translation>Avertissements d’horloge</translation>
    </message>
    <message>
        <source>Trusted: bundles for it can now be exported.</source>
        <translation>Poste approuvé : des paquets pour lui peuvent maintenant être exportés.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>%1: sent %2, received %3 — %4</source>
        <translation>%1 : envoyé %2, reçu %3 — %4</translation>
    </message>
    <message>
        <source>No trusted workstations yet: paste the identity line of the program office or of another workstation with “Trust a workstation…”.</source>
        <translation>Aucun poste de confiance pour l’instant : collez la ligne d’identité du bureau du programme ou d’un autre poste avec « Faire confiance à un poste… ».</translation>
    </message>
    <message>
        <source>nothing exchanged yet</source>
        <translation>rien d’échangé encore</translation>
    </message>
    <message numerus="yes">
        <source>%n changes sent, not yet acknowledged</source>
        <translation>
            <numerusform>%n modification envoyée, pas encore confirmée</numerusform>
            <numerusform>%n modifications envoyées, pas encore confirmées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes it lacks</source>
        <translation>
            <numerusform>il lui manque %n modification</numerusform>
            <numerusform>il lui manque %n modifications</numerusform>
        </translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>à jour</translation>
    </message>
    <message>
        <source>Export a bundle</source>
        <translation>Exporter un paquet</translation>
    </message>
    <message>
        <source>Exporting the bundle…</source>
        <translation>Exportation du paquet…</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exporté vers %1</translation>
    </message>
    <message>
        <source>From %1, made %2.</source>
        <translation>De %1, fait le %2.</translation>
    </message>
    <message>
        <source>Its signature does not hold: it was altered or is not from the workstation it names.</source>
        <translation>Sa signature n’est pas valide : il a été modifié ou ne vient pas du poste qu’il nomme.</translation>
    </message>
    <message>
        <source>Signed, but not by a workstation trusted here.</source>
        <translation>Signé, mais pas par un poste de confiance ici.</translation>
    </message>
    <message>
        <source>Signed by a trusted workstation.</source>
        <translation>Signé par un poste de confiance.</translation>
    </message>
    <message numerus="yes">
        <source>%n changes, %1 of them new here.</source>
        <translation>
            <numerusform>%n modification, %1 nouvelle ici.</numerusform>
            <numerusform>%n modifications, dont %1 nouvelles ici.</numerusform>
        </translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problème : %1</translation>
    </message>
    <message>
        <source>Carries: %1</source>
        <translation>Contient : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n new changes from %1</source>
        <translation>
            <numerusform>%n nouvelle modification de %1</numerusform>
            <numerusform>%n nouvelles modifications de %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n already here)</source>
        <translation>
            <numerusform> (%n déjà ici)</numerusform>
            <numerusform> (%n déjà ici)</numerusform>
        </translation>
    </message>
    <message>
        <source>Added: %1.</source>
        <translation>Ajouté : %1.</translation>
    </message>
    <message>
        <source>Changed: %1.</source>
        <translation>Modifié : %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n conflicts put aside for you to review below.</source>
        <translation>
            <numerusform>%n conflit mis de côté, à examiner ci-dessous.</numerusform>
            <numerusform>%n conflits mis de côté, à examiner ci-dessous.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes stamped too far ahead wait until their workstation&apos;s clock is repaired.</source>
        <translation>
            <numerusform>%n modification datée trop loin dans le futur attend que l’horloge de son poste soit réparée.</numerusform>
            <numerusform>%n modifications datées trop loin dans le futur attendent que l’horloge de leur poste soit réparée.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes of %1 left out: %1 signed them in two versions (forgery or a bug); the version held here is kept.</source>
        <translation>
            <numerusform>%n modification de %1 écartée : %1 l’a signée en deux versions (falsification ou bogue) ; la version gardée ici est conservée.</numerusform>
            <numerusform>%n modifications de %1 écartées : %1 les a signées en deux versions (falsification ou bogue) ; la version gardée ici est conservée.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes for %1.</source>
        <translation>
            <numerusform>%n modification pour %1.</numerusform>
            <numerusform>%n modifications pour %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>More are left for another bundle: export again.</source>
        <translation>D’autres restent pour un autre paquet : exportez de nouveau.</translation>
    </message>
    <message>
        <source>Imported %1: %2</source>
        <translation>%1 importé : %2</translation>
    </message>
    <message>
        <source>Import a bundle</source>
        <translation>Importer un paquet</translation>
    </message>
    <message>
        <source>Checking the bundle…</source>
        <translation>Vérification du paquet…</translation>
    </message>
    <message>
        <source>&amp;Import bundles…</source>
        <translation>&amp;Importer des paquets…</translation>
    </message>
    <message>
        <source>One bundle, or several: each is imported once, by sender then date. You can also drop bundle files or a folder on this page.</source>
        <translation>Un paquet ou plusieurs : chacun est importé une fois, par expéditeur puis par date. Vous pouvez aussi déposer des fichiers de paquets ou un dossier sur cette page.</translation>
    </message>
    <message>
        <source>Import a &amp;folder…</source>
        <translation>Importer un &amp;dossier…</translation>
    </message>
    <message>
        <source>Every bundle in a folder (a USB stick), by sender then date, each once.</source>
        <translation>Tous les paquets d’un dossier (une clé USB), par expéditeur puis par date, chacun une fois.</translation>
    </message>
    <message>
        <source>&amp;Repair my clock&apos;s changes</source>
        <translation>&amp;Réparer les modifications de mon horloge</translation>
    </message>
    <message>
        <source>Once this computer&apos;s clock is correct again: the changes it stamped in the future are issued again with times from the corrected clock, the same way on every workstation. Nothing is lost; the next export does it by itself.</source>
        <translation>Une fois l’horloge de cet ordinateur remise à l’heure : les modifications qu’il a datées dans le futur sont émises à nouveau avec l’heure corrigée, de la même façon sur tous les postes. Rien n’est perdu ; le prochain export le fait de lui-même.</translation>
    </message>
    <message>
        <source>Repair the clock&apos;s changes</source>
        <translation>Réparer les modifications de l’horloge</translation>
    </message>
    <message>
        <source>Is this computer&apos;s date and time correct now? Issue the changes it stamped in the future again, with the corrected clock?</source>
        <translation>La date et l’heure de cet ordinateur sont-elles justes maintenant ? Émettre à nouveau, avec l’heure corrigée, les modifications qu’il a datées dans le futur ?</translation>
    </message>
    <message>
        <source>Repairing…</source>
        <translation>Réparation…</translation>
    </message>
    <message numerus="yes">
        <source>%n changes issued again from the corrected clock; every workstation applies the repair when it next syncs.</source>
        <translation>
            <numerusform>%n modification émise à nouveau avec l’heure corrigée ; chaque poste applique la réparation à sa prochaine synchronisation.</numerusform>
            <numerusform>%n modifications émises à nouveau avec l’heure corrigée ; chaque poste applique la réparation à sa prochaine synchronisation.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last export: %1 · Last import: %2</source>
        <translation>Dernier export : %1 · Dernier import : %2</translation>
    </message>
    <message numerus="yes">
        <source>Field changes not yet sent to any workstation: %n</source>
        <translation>
            <numerusform>Modifications de champs pas encore envoyées à un poste : %n</numerusform>
            <numerusform>Modifications de champs pas encore envoyées à un poste : %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Changes stamped more than %1 hours ahead of this clock wait until their workstation&apos;s clock is repaired.</source>
        <translation>Les modifications datées de plus de %1 heures en avance sur cette horloge attendent que l’horloge de leur poste soit réparée.</translation>
    </message>
    <message numerus="yes">
        <source>What a workstation has not acknowledged is sent again after %n days.</source>
        <translation>
            <numerusform>Ce qu’un poste n’a pas confirmé est renvoyé après %n jour.</numerusform>
            <numerusform>Ce qu’un poste n’a pas confirmé est renvoyé après %n jours.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>Importer des paquets</translation>
    </message>
    <message>
        <source>Import every bundle in a folder</source>
        <translation>Importer tous les paquets d’un dossier</translation>
    </message>
    <message>
        <source>Importing bundles…</source>
        <translation>Importation des paquets…</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé</translation>
    </message>
    <message>
        <source>Nothing new</source>
        <translation>Rien de nouveau</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Ignoré</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>No bundles found there.</source>
        <translation>Aucun paquet trouvé à cet endroit.</translation>
    </message>
    <message>
        <source>This bundle was already imported; nothing to do.

%1</source>
        <translation>Ce paquet a déjà été importé ; rien à faire.

%1</translation>
    </message>
    <message>
        <source>Import this bundle?

%1</source>
        <translation>Importer ce paquet ?

%1</translation>
    </message>
    <message>
        <source>Importing the bundle…</source>
        <translation>Importation du paquet…</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>%1 importé</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualiser</translation>
    </message>
    <message>
        <source>Upcoming sessions</source>
        <translation>Séances à venir</translation>
    </message>
    <message>
        <source>No sessions planned in the next two weeks.</source>
        <translation>Aucune séance prévue dans les deux prochaines semaines.</translation>
    </message>
    <message>
        <source>Sessions in progress</source>
        <translation>Séances en cours</translation>
    </message>
    <message>
        <source>No session is running. To start one, open it from Sessions and press Start session.</source>
        <translation>Aucune séance en cours. Pour en commencer une, ouvrez-la dans Séances et appuyez sur Démarrer la séance.</translation>
    </message>
    <message>
        <source>Commitments due for follow-up</source>
        <translation>Engagements à suivre</translation>
    </message>
    <message>
        <source>No follow-up is due.</source>
        <translation>Aucun suivi n’est dû.</translation>
    </message>
    <message>
        <source>Action items due or overdue</source>
        <translation>Actions à échéance ou en retard</translation>
    </message>
    <message>
        <source>No action item is due in the next two weeks.</source>
        <translation>Aucune action n’arrive à échéance dans les deux prochaines semaines.</translation>
    </message>
    <message>
        <source>Open support requests</source>
        <translation>Demandes de soutien ouvertes</translation>
    </message>
    <message>
        <source>No support request is open.</source>
        <translation>Aucune demande de soutien ouverte.</translation>
    </message>
    <message>
        <source>&amp;Upcoming sessions</source>
        <translation>Séances à &amp;venir</translation>
    </message>
    <message>
        <source>Sessions in &amp;progress</source>
        <translation>Séances en &amp;cours</translation>
    </message>
    <message>
        <source>&amp;Follow-ups due</source>
        <translation>&amp;Suivis à faire</translation>
    </message>
    <message>
        <source>&amp;Action items due</source>
        <translation>&amp;Actions à échéance</translation>
    </message>
    <message>
        <source>Open &amp;support requests</source>
        <translation>Demandes de soutien &amp;ouvertes</translation>
    </message>
    <message>
        <source>Plan a session…</source>
        <translation>Planifier une séance…</translation>
    </message>
    <message>
        <source>Record a support request…</source>
        <translation>Noter une demande de soutien…</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Private commitment</source>
        <translation>Engagement privé</translation>
    </message>
    <message>
        <source>Today, %1</source>
        <translation>Aujourd’hui, %1</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>en retard</translation>
    </message>
    <message numerus="yes">
        <source>%n items</source>
        <translation>
            <numerusform>%n élément</numerusform>
            <numerusform>%n éléments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Topics</name>
    <message>
        <source>EMR messaging and tasks</source>
        <translation>Messagerie et tâches du DMÉ</translation>
    </message>
    <message>
        <source>Entering discrete data into the EMR</source>
        <translation>Saisie de données structurées dans le DMÉ</translation>
    </message>
    <message>
        <source>EMR templates and panel searches</source>
        <translation>Gabarits du DMÉ et recherches dans la patientèle</translation>
    </message>
    <message>
        <source>End-of-life care</source>
        <translation>Soins de fin de vie</translation>
    </message>
    <message>
        <source>Adult and child mental health</source>
        <translation>Santé mentale des adultes et des enfants</translation>
    </message>
    <message>
        <source>Chronic disease management</source>
        <translation>Prise en charge des maladies chroniques</translation>
    </message>
    <message>
        <source>Opioid agonist therapy</source>
        <translation>Traitement par agonistes opioïdes</translation>
    </message>
    <message>
        <source>Team-based care and huddles</source>
        <translation>Soins en équipe et caucus</translation>
    </message>
    <message>
        <source>Advanced access and scheduling</source>
        <translation>Accès adapté et prise de rendez-vous</translation>
    </message>
    <message>
        <source>Physician and team wellness</source>
        <translation>Mieux-être des médecins et de l’équipe</translation>
    </message>
</context>
<context>
    <name>TrustPeerDialog</name>
    <message>
        <source>Trust a workstation</source>
        <translation>Faire confiance à un poste</translation>
    </message>
    <message>
        <source>Paste the identity line of the other workstation or of the program office (its Sync page shows it under “This workstation”). Bundles are then encrypted for it, and its bundles are accepted here.</source>
        <translation>Collez la ligne d’identité de l’autre poste ou du bureau du programme (sa page Synchronisation l’affiche sous « Ce poste »). Les paquets sont alors chiffrés pour lui, et ses paquets sont acceptés ici.</translation>
    </message>
    <message>
        <source>e.g. Riverside clinic</source>
        <translation>p. ex. Clinique Riverside</translation>
    </message>
    <message>
        <source>This is the &amp;program office (central)</source>
        <translation>C’est le &amp;bureau du programme (central)</translation>
    </message>
    <message>
        <source>Groups it may change</source>
        <translation>Groupes qu’il peut modifier</translation>
    </message>
    <message>
        <source>Changes it makes to other groups&apos; records are refused. The program office may change every group.</source>
        <translation>Ses modifications aux dossiers des autres groupes sont refusées. Le bureau du programme peut modifier tous les groupes.</translation>
    </message>
    <message>
        <source>&amp;Identity line:</source>
        <translation>Ligne d’&amp;identité :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Groups it may change:</source>
        <translation>&amp;Groupes qu’il peut modifier :</translation>
    </message>
    <message>
        <source>&amp;Trust</source>
        <translation>&amp;Faire confiance</translation>
    </message>
    <message>
        <source>Paste the identity line first.</source>
        <translation>Collez d’abord la ligne d’identité.</translation>
    </message>
    <message>
        <source>Give it a name people will recognise.</source>
        <translation>Donnez-lui un nom que les gens reconnaîtront.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock ClinicApp</source>
        <translation>Déverrouiller ClinicApp</translation>
    </message>
</context>
<context>
    <name>UnlockPanel</name>
    <message>
        <source>ClinicApp is locked</source>
        <translation>ClinicApp est verrouillé</translation>
    </message>
    <message>
        <source>Workstation passphrase</source>
        <translation>Phrase secrète du poste</translation>
    </message>
    <message>
        <source>Use the &amp;recovery key instead</source>
        <translation>Utiliser plutôt la clé de &amp;récupération</translation>
    </message>
    <message>
        <source>Unlock message</source>
        <translation>Message de déverrouillage</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clé de récupération</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Too many wrong tries: wait %1 s before trying again.</source>
        <translation>Trop d’essais incorrects : attendez %1 s avant de réessayer.</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <source>Walk-in</source>
        <translation>Ajout sur place</translation>
    </message>
    <message>
        <source>Add and &amp;check in</source>
        <translation>Ajouter et &amp;enregistrer l’arrivée</translation>
    </message>
    <message>
        <source>Full &amp;name</source>
        <translation>&amp;Nom complet</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rôle</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>ClinicApp</source>
        <translation>ClinicApp</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>Only the calendar is saved as .ics.</source>
        <translation>Seul le calendrier s’enregistre en .ics.</translation>
    </message>
</context>
</TS>
