"""Event coding: PLOVER events with modality, dates and evidence."""
