"""The words demo data is made of: names, places and what clinicians write about each
seeded topic. Plain data, kept apart from the generator in ``demo.py``. Nothing here
names a patient: demo reflections follow the same rule real ones must."""

from __future__ import annotations

FIRST_NAMES = (
    "Amara", "Benoît", "Chloé", "Daniel", "Émilie", "Farid", "Gabrielle", "Harpreet",
    "Isabelle", "Jasmine", "Kwame", "Louis", "Maya", "Nathalie", "Olivier", "Priya",
    "Quinn", "Rachel", "Samuel", "Talia", "Umar", "Valérie", "William", "Xin", "Yasmin",
    "Zoé", "Aiyana", "Brendan", "Catherine", "Dev", "Elena", "Félix", "Grace", "Hugo",
    "Ines", "Jordan", "Kiran", "Leah", "Mathieu", "Noor", "Owen", "Pascale", "Rohan",
    "Sophie", "Thomas", "Wen", "Aaliyah", "Marc-André", "Siobhan", "Tanvir",
)
LAST_NAMES = (
    "Anderson", "Bélanger", "Chen", "Dhillon", "Eagleheart", "Fortin", "Gill", "Hébert",
    "Ivanova", "Johal", "Kowalski", "Lavoie", "MacDonald", "Nguyen", "Okafor", "Patel",
    "Quesnel", "Roy", "Sandhu", "Tremblay", "Umeh", "Villeneuve", "Walker", "Xu", "Young",
    "Zhang", "Bouchard", "Campbell", "Desjardins", "Morin", "Grewal", "Leblanc", "Singh",
    "Thompson", "Wong", "Côté", "Gagnon", "Fraser", "Martin", "Ahmadi", "Cardinal",
    "Sinclair", "Paquette", "Ross", "Mercier", "Lee", "Kaur", "Bird", "O'Brien", "Nakamura",
)

# (division, region, town) of the rural divisions the demo groups belong to.
PLACES = (
    ("Kootenay Boundary Division of Family Practice", "Interior", "Trail"),
    ("Cariboo Chilcotin Division of Family Practice", "Northern Interior", "Williams Lake"),
    ("Rural and Remote Division of Family Practice", "Coast", "Bella Coola"),
    ("Pacific Northwest Division of Family Practice", "Northwest", "Terrace"),
    ("Interlake-Eastern Health Region", "Manitoba", "Selkirk"),
    ("Sunrise Division of Family Practice", "Peace", "Dawson Creek"),
    ("Cowichan Valley Division of Family Practice", "Island", "Duncan"),
    ("Northern Health Quality Network", "North", "Fort St. John"),
)
SMALL_GROUP_NAMES = (
    "{town} Family Physicians Practice-Based Small Group",
    "{town} Clinic Learning Circle",
    "{town} MOA and Nurse Learning Group",
    "{town} Primary Care Small Group",
)
HUB_NAMES = (
    "{region} Rural Community of Practice",
    "{town} Primary Care Network Hub",
    "{region} Quality Improvement Hub",
)
LOCATIONS = ("{town} Health Centre, boardroom", "{town} Medical Clinic, staff room",
             "Virtual (Zoom)", "{town} Hospital, education room", "{town} Community Hall")
METHODS = ("case-based discussion", "practice-based small group module (FMPE)",
           "huddle and EMR walkthrough", "world café", "journal club", "guest speaker and Q&A",
           "plan-do-study-act review")

# Roles: (role, profession detail, weight) for small groups and hubs.
SMALL_GROUP_ROLES = (
    ("physician", "Family physician", 60), ("physician", "Rural generalist", 10),
    ("moa", "Medical office assistant", 12), ("nurse", "Registered nurse", 8),
    ("nurse", "Nurse practitioner", 5), ("allied_health", "Pharmacist", 5),
)
HUB_ROLES = (
    ("physician", "Family physician", 40), ("administrator", "Clinic manager", 12),
    ("administrator", "Division project lead", 8), ("moa", "Medical office assistant", 12),
    ("nurse", "Registered nurse", 10), ("allied_health", "Social worker", 6),
    ("allied_health", "Physiotherapist", 4), ("other", "Community stakeholder", 8),
)

# Per seeded topic: objectives, reflection fragments, commitments and action ideas.
TOPIC_TEXT: dict[str, dict[str, tuple[str, ...]]] = {
    "EMR messaging and tasks": {
        "objectives": ("Set up shared task queues for the team",
                       "Agree on message conventions and turnaround times",
                       "Reduce unread messages older than 48 hours"),
        "what": ("Shared queues make it obvious who owns a result.",
                 "Our team uses three different ways to flag urgent messages."),
        "so_what": ("I lose time every day re-reading messages nobody acted on.",
                    "Clear ownership would cut the end-of-day backlog."),
        "now_what": ("Route lab results to a team queue and review it at the noon huddle.",
                     "Agree on two priority flags with the MOAs this week."),
        "change": ("Use the team task queue for all non-urgent results",
                   "Close every message thread with an owner and a due date"),
        "action": ("Configure shared task queues in the EMR for every provider",
                   "Write a one-page message etiquette guide"),
    },
    "Entering discrete data into the EMR": {
        "objectives": ("Record smoking status and BMI as coded data",
                       "Use problem-list codes consistently",
                       "Run a panel search that finds uncoded diabetes"),
        "what": ("Free-text entries are invisible to panel searches.",
                 "Coding the problem list takes seconds once templates exist."),
        "so_what": ("Our registry undercounts patients with diabetes and COPD.",
                    "Recall letters miss people because data sit in notes."),
        "now_what": ("Code the problem list at every chronic disease visit.",
                     "Ask the MOAs to enter vitals into the coded fields."),
        "change": ("Code diagnoses on the problem list during the visit",
                   "Enter blood pressure and weight in coded fields only"),
        "action": ("Clean the problem list of the diabetes panel",
                   "Build a vitals template with coded fields"),
    },
    "EMR templates and panel searches": {
        "objectives": ("Build a reusable visit template", "Run and save three panel searches",
                       "Share searches across the clinic"),
        "what": ("A saved search answers in a minute what took an afternoon.",
                 "Templates keep the team's documentation consistent."),
        "so_what": ("We can finally see who is overdue for screening.",
                    "Inconsistent templates make our data hard to compare."),
        "now_what": ("Save the cervical screening search and run it monthly.",
                     "Retire the old templates nobody uses."),
        "change": ("Run the overdue-screening search every month",
                   "Use the shared chronic-care template"),
        "action": ("Publish a library of clinic panel searches",
                   "Retire unused EMR templates"),
    },
    "End-of-life care": {
        "objectives": ("Start serious-illness conversations earlier",
                       "Document goals of care where the team can find them",
                       "Know the local palliative resources"),
        "what": ("Families value a conversation before the crisis.",
                 "The serious illness guide gives words for hard moments."),
        "so_what": ("I often wait for a hospital admission to discuss goals of care.",
                    "Our after-hours colleagues cannot see our care plans."),
        "now_what": ("Identify patients who may benefit from a conversation this quarter.",
                     "Record goals of care in the shared summary."),
        "change": ("Hold a serious-illness conversation with identified patients",
                   "Record goals of care in the shared summary"),
        "action": ("Flag patients for a serious-illness conversation",
                   "Map the palliative resources in our region"),
    },
    "Adult and child mental health": {
        "objectives": ("Use validated screening tools", "Know the local referral pathways",
                       "Plan follow-up for patients starting treatment"),
        "what": ("A PHQ-9 at follow-up shows change better than my impression.",
                 "The youth wellness centre takes self-referrals."),
        "so_what": ("Follow-up after starting treatment is where we lose people.",
                    "Families do not know what is available locally."),
        "now_what": ("Book a four-week follow-up for every new treatment start.",
                     "Hand out the local resource sheet."),
        "change": ("Repeat the PHQ-9 at every follow-up visit",
                   "Offer the local resource sheet to every family"),
        "action": ("Print a local mental health resource sheet",
                   "Set up recall for patients starting treatment"),
    },
    "Chronic disease management": {
        "objectives": ("Plan proactive chronic care visits", "Use registries to find gaps",
                       "Share care between physician, nurse and MOA"),
        "what": ("Planned visits catch more than reactive ones.",
                 "The nurse can lead foot and eye checks."),
        "so_what": ("Half of our diabetes panel has no A1c in a year.",
                    "I do tasks a team member could do better."),
        "now_what": ("Start planned chronic care visits led by the nurse.",
                     "Review the registry gaps at the monthly meeting."),
        "change": ("Book planned chronic care visits from the registry",
                   "Delegate foot checks to the nurse"),
        "action": ("Recall patients with no A1c in 12 months",
                   "Start nurse-led planned visits"),
    },
    "Opioid agonist therapy": {
        "objectives": ("Start and maintain opioid agonist therapy safely",
                       "Work with pharmacies on witnessed dosing",
                       "Reduce stigma in the office"),
        "what": ("Same-day starts keep people engaged.",
                 "Our pharmacist partners want clearer handovers."),
        "so_what": ("Long waits for a start lose people we could have helped.",
                    "Front-desk language can feel stigmatising."),
        "now_what": ("Offer same-day assessment slots twice a week.",
                     "Review front-desk scripts with the MOAs."),
        "change": ("Offer same-day starts", "Use person-first language in notes and letters"),
        "action": ("Create two same-day assessment slots a week",
                   "Agree a handover form with local pharmacies"),
    },
    "Team-based care and huddles": {
        "objectives": ("Run a ten-minute daily huddle", "Clarify roles across the team",
                       "Track huddle actions"),
        "what": ("A short huddle prevents many interruptions later.",
                 "Everyone wants clearer roles, not more work."),
        "so_what": ("Our mornings start with surprises we could have planned for.",
                    "MOAs have skills we do not use."),
        "now_what": ("Start a daily huddle at 8:20 with the whole team.",
                     "List who does what for common visit types."),
        "change": ("Attend the daily team huddle", "Use the huddle board for follow-ups"),
        "action": ("Start a daily huddle with a whiteboard", "Write a team roles chart"),
    },
    "Advanced access and scheduling": {
        "objectives": ("Measure the third-next-available appointment",
                       "Balance supply and demand", "Reduce the backlog"),
        "what": ("Third-next-available is a simple, honest measure.",
                 "Most of our demand is predictable by weekday."),
        "so_what": ("Our wait is three weeks because of a backlog, not demand.",
                    "Pre-booked slots block same-day care."),
        "now_what": ("Measure third-next-available every Monday.",
                     "Keep half the slots open for same-day booking."),
        "change": ("Keep half of my slots open until the day",
                   "Work down the backlog with extra sessions"),
        "action": ("Measure third-next-available weekly",
                   "Redesign the booking template for same-day access"),
    },
    "Physician and team wellness": {
        "objectives": ("Recognise burnout early", "Protect time for rest and learning",
                       "Build peer support in the clinic"),
        "what": ("Talking openly about workload helps the whole team.",
                 "Small changes to inbox time protect evenings."),
        "so_what": ("I finish charts at home most evenings.",
                    "New colleagues do not know where to turn for support."),
        "now_what": ("Block thirty minutes of admin time each day.",
                     "Pair each new colleague with a peer."),
        "change": ("Protect daily admin time", "Check in monthly with a peer"),
        "action": ("Start a peer support pairing for new staff",
                   "Survey the team on workload twice a year"),
    },
}

GENERAL_WHAT = ("Hearing how other clinics solved this made it feel possible.",
                "The case discussion changed how I think about this.")
BARRIERS = ("Time during clinic days", "EMR limitations", "Staff turnover",
            "Patients' travel distances", "Locum coverage", "Internet reliability",
            "Competing priorities", "")
SUPPORTS = ("An MOA peer mentor visit", "Help from the RST coordinator",
            "A physician peer to check in with", "Protected team time", "")
MOTIVATION = ("Better continuity for our patients", "Less time lost to rework",
              "Evidence presented was convincing", "The team already wants this", "")
SESSION_NOTES = ("Good discussion; the group agreed to try the change before the next meeting.",
                 "Two members shared their clinic's workflow; slides circulated afterwards.",
                 "Short on time; the case review moves to next session.",
                 "Lively debate about the barriers; follow-up visit from the RST offered.",
                 "")
FOLLOWUP_NOTES = ("The huddle made it stick.", "Hard to keep going with locum turnover.",
                  "Worked once the template was in place.", "Patients responded well.",
                  "Not a priority this season.", "")
PROGRESS_NOTES = ("Discussed at the hub meeting; owner will report back next month.",
                  "First draft shared with the team.", "Waiting for EMR vendor support.",
                  "Measured again: moving towards the target.",
                  "Paused over the summer because of staffing.",
                  "Presented results to the division board.")
SUPPORT_TOPICS = ("EMR panel search set-up", "Huddle coaching", "Template clean-up",
                  "Registry review", "Booking template redesign", "Team roles workshop")
# (indicator, baseline, target) for action items.
INDICATORS = (
    ("Share of diabetes panel with an A1c in 12 months", "48%", "75%"),
    ("Third-next-available appointment (days)", "21", "5"),
    ("Unread messages older than 48 hours", "140", "20"),
    ("Patients with a documented goals-of-care conversation", "12", "60"),
    ("Problem lists coded for COPD", "35%", "80%"),
    ("Staff reporting manageable workload", "40%", "70%"),
    ("Same-day appointment slots per week", "4", "20"),
    ("", "", ""),
)
PLAN_GOALS = (
    "Improve timely access and continuity for our rural patients.",
    "Make our EMR data good enough to plan care for whole panels.",
    "Strengthen team-based care and the wellbeing of everyone who provides it.",
)
PDSA_PREDICTIONS = ("We expect the measure to improve within four weeks.",
                    "We predict fewer missed follow-ups by the next meeting.",
                    "We expect the team to find the new workflow faster.")
