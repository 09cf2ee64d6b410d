"""The few words the text plan prints around the playbook's own text, per locale."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "launch": "Launch",
        "site_launch": "Site launch days",
        "title": "Task",
        "owner": "Owner",
        "start": "Start",
        "end": "End",
        "slack": "Slack",
        "timeline": "Timeline",
        "other": "Other tasks",
        "moved": "moved from {date}, {reason}",
        "repeats": "repeats: {dates}",
        "legend": "* critical (no slack before a deadline)   ! late (misses a deadline)",
        "legend_launch": "┆ launch day",
        "empty": "No tasks.",
    },
    "he": {
        "launch": "השקה",
        "site_launch": "ימי השקה לפי אתר",
        "title": "משימה",
        "owner": "אחראי",
        "start": "התחלה",
        "end": "סיום",
        "slack": "מרווח",
        "timeline": "ציר זמן",
        "other": "משימות נוספות",
        "moved": "הוזז מ־{date}, {reason}",
        "repeats": "חוזר: {dates}",
        "legend": "* קריטי (אין מרווח לפני מועד יעד)   ! באיחור (מחמיץ מועד יעד)",
        "legend_launch": "┆ יום ההשקה",
        "empty": "אין משימות.",
    },
    "it": {
        "launch": "Lancio",
        "site_launch": "Giorni di lancio per sede",
        "title": "Attività",
        "owner": "Responsabile",
        "start": "Inizio",
        "end": "Fine",
        "slack": "Margine",
        "timeline": "Cronologia",
        "other": "Altre attività",
        "moved": "spostata dal {date}, {reason}",
        "repeats": "si ripete: {dates}",
        "legend": "* critica (nessun margine prima di una scadenza)   ! in ritardo (manca una "
        "scadenza)",
        "legend_launch": "┆ giorno del lancio",
        "empty": "Nessuna attività.",
    },
    "tr": {
        "launch": "Lansman",
        "site_launch": "Lokasyonlara göre lansman günleri",
        "title": "Görev",
        "owner": "Sorumlu",
        "start": "Başlangıç",
        "end": "Bitiş",
        "slack": "Pay",
        "timeline": "Zaman çizelgesi",
        "other": "Diğer görevler",
        "moved": "{date} tarihinden kaydırıldı, {reason}",
        "repeats": "tekrar: {dates}",
        "legend": "* kritik (son tarihten önce pay yok)   ! gecikmiş (son tarihi kaçırıyor)",
        "legend_launch": "┆ lansman günü",
        "empty": "Görev yok.",
    },
}


def labels(locale: str) -> dict[str, str]:
    """The labels of `locale`, English for any locale without its own."""
    return LABELS.get(locale, LABELS["en"])
