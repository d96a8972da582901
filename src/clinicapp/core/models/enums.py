"""The closed vocabularies, as the models use them: defined in ``core.vocabulary`` so that
code reading the database without the ORM (Today's first paint) has the same enums."""

from clinicapp.core.vocabulary import *  # noqa: F403
from clinicapp.core.vocabulary import __all__ as __all__
