<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AttendancePanel</name>
    <message numerus="yes">
        <source>%n in the room</source>
        <translation>
            <numerusform>%n in the room</numerusform>
            <numerusform>%n in the room</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expected, not arrived yet (%n):</source>
        <translation>
            <numerusform>Expected, not arrived yet (%n):</numerusform>
            <numerusform>Expected, not arrived yet (%n):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CreditsTab</name>
    <message numerus="yes">
        <source>%n participants earned credits; credits in all: %1.</source>
        <translation>
            <numerusform>%n participant earned credits; credits in all: %1.</numerusform>
            <numerusform>%n participants earned credits; credits in all: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EvaluationsTab</name>
    <message numerus="yes">
        <source>%n evaluations received.</source>
        <translation>
            <numerusform>%n evaluation received.</numerusform>
            <numerusform>%n evaluations received.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReflectionsPage</name>
    <message numerus="yes">
        <source>%n due</source>
        <translation>
            <numerusform>%n due</numerusform>
            <numerusform>%n due</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message numerus="yes">
        <source>%n rows:</source>
        <translation>
            <numerusform>%n row:</numerusform>
            <numerusform>%n rows:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n valid,</source>
        <translation>
            <numerusform>%n valid,</numerusform>
            <numerusform>%n valid,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with a problem (shown in the last column; they will be skipped).</source>
        <translation>
            <numerusform>%n with a problem (shown in the last column; it will be skipped).</numerusform>
            <numerusform>%n with a problem (shown in the last column; they will be skipped).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows, all valid.</source>
        <translation>
            <numerusform>%n row, valid.</numerusform>
            <numerusform>%n rows, all valid.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Import %n valid rows</source>
        <translation>
            <numerusform>&amp;Import %n valid row</numerusform>
            <numerusform>&amp;Import %n valid rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new members created,</source>
        <translation>
            <numerusform>%n new member created,</numerusform>
            <numerusform>%n new members created,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n added to the group,</source>
        <translation>
            <numerusform>%n added to the group,</numerusform>
            <numerusform>%n added to the group,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows skipped.</source>
        <translation>
            <numerusform>%n row skipped.</numerusform>
            <numerusform>%n rows skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message numerus="yes">
        <source>%n sessions</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message numerus="yes">
        <source>%n sessions</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attendance records</source>
        <translation>
            <numerusform>%n attendance record</numerusform>
            <numerusform>%n attendance records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reflections</source>
        <translation>
            <numerusform>%n reflection</numerusform>
            <numerusform>%n reflections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n commitments</source>
        <translation>
            <numerusform>%n commitment</numerusform>
            <numerusform>%n commitments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evaluations</source>
        <translation>
            <numerusform>%n evaluation</numerusform>
            <numerusform>%n evaluations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n members</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n roster entries</source>
        <translation>
            <numerusform>%n roster entry</numerusform>
            <numerusform>%n roster entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n groups</source>
        <translation>
            <numerusform>%n group</numerusform>
            <numerusform>%n groups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n support requests</source>
        <translation>
            <numerusform>%n support request</numerusform>
            <numerusform>%n support requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action plans</source>
        <translation>
            <numerusform>%n action plan</numerusform>
            <numerusform>%n action plans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action items</source>
        <translation>
            <numerusform>%n action item</numerusform>
            <numerusform>%n action items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n progress notes</source>
        <translation>
            <numerusform>%n progress note</numerusform>
            <numerusform>%n progress notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n PDSA cycles</source>
        <translation>
            <numerusform>%n PDSA cycle</numerusform>
            <numerusform>%n PDSA cycles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more kinds</source>
        <translation>
            <numerusform>%1 and %n more kind</numerusform>
            <numerusform>%1 and %n more kinds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SupportPage</name>
    <message numerus="yes">
        <source>%n requests</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message numerus="yes">
        <source>%n changes issued again from the corrected clock; every workstation applies the repair when it next syncs.</source>
        <translation>
            <numerusform>%n change issued again from the corrected clock; every workstation applies the repair when it next syncs.</numerusform>
            <numerusform>%n changes issued again from the corrected clock; every workstation applies the repair when it next syncs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Field changes not yet sent to any workstation: %n</source>
        <translation>
            <numerusform>Field changes not yet sent to any workstation: %n</numerusform>
            <numerusform>Field changes not yet sent to any workstation: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>What a workstation has not acknowledged is sent again after %n days.</source>
        <translation>
            <numerusform>What a workstation has not acknowledged is sent again after %n day.</numerusform>
            <numerusform>What a workstation has not acknowledged is sent again after %n days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes sent, not yet acknowledged</source>
        <translation>
            <numerusform>%n change sent, not yet acknowledged</numerusform>
            <numerusform>%n changes sent, not yet acknowledged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes it lacks</source>
        <translation>
            <numerusform>%n change it lacks</numerusform>
            <numerusform>%n changes it lacks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes, %1 of them new here.</source>
        <translation>
            <numerusform>%n change, %1 new here.</numerusform>
            <numerusform>%n changes, %1 of them new here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new changes from %1</source>
        <translation>
            <numerusform>%n new change from %1</numerusform>
            <numerusform>%n new changes from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n already here)</source>
        <translation>
            <numerusform> (%n already here)</numerusform>
            <numerusform> (%n already here)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflicts put aside for you to review below.</source>
        <translation>
            <numerusform>%n conflict put aside for you to review below.</numerusform>
            <numerusform>%n conflicts put aside for you to review below.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes stamped too far ahead wait until their workstation&apos;s clock is repaired.</source>
        <translation>
            <numerusform>%n change stamped too far ahead waits until its workstation&apos;s clock is repaired.</numerusform>
            <numerusform>%n changes stamped too far ahead wait until their workstation&apos;s clock is repaired.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes of %1 left out: %1 signed them in two versions (forgery or a bug); the version held here is kept.</source>
        <translation>
            <numerusform>%n change of %1 left out: %1 signed it in two versions (forgery or a bug); the version held here is kept.</numerusform>
            <numerusform>%n changes of %1 left out: %1 signed them in two versions (forgery or a bug); the version held here is kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes for %1.</source>
        <translation>
            <numerusform>%n change for %1.</numerusform>
            <numerusform>%n changes for %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message numerus="yes">
        <source>%n items</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
</context>
</TS>
