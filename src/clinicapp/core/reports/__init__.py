"""Report figures: credit statements, certificates, group and division activity, and the
calendar of planned sessions. Pure data (queries and aggregation); rendering to PDF and
CSV lives in ``clinicapp.reports``."""
