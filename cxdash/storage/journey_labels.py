"""The per-item labels the journey and key-point queries read, as SQL over ``feedback``.

The labels come from the classifier's ``item_labels`` (touchpoint, category, sentiment and its
score); where an item has none yet, ``LABELLED`` falls back to stand-ins derived from the
``feedback`` table alone:

- ``touchpoint``: from ``feedback.category`` (a category's home touchpoint), else
  ``feedback.product``, else ``feedback.channel`` (see ``TOUCHPOINT``);
- ``category``: ``feedback.category`` (the human label; NULL items are left out of cells);
- ``sentiment``: from ``feedback.rating`` on a 1-5 scale (1-2 negative, 3 neutral, 4-5
  positive, unrated items NULL); ``sentiment_score`` = (rating - 3) / 2 in [-1, 1];
- ``rating``: ``feedback.rating`` rescaled to 1-5 when ``rating_max`` differs.

Columns read from ``feedback``: id, batch_id, received_at, customer_id, text, rating,
rating_max, category, product, channel. A cycle (``$cycle``) sees the items imported in it or
in an earlier cycle; items of undone import batches are left out (``KEPT``).
"""

from __future__ import annotations

TOUCHPOINT = """CASE
    WHEN f.category IN ('billing_error', 'price_complaint', 'refund_delay') THEN 'billing'
    WHEN f.category IN ('broadband_install_delay', 'sim_activation') THEN 'installation'
    WHEN f.category IN ('broadband_outage', 'broadband_speed', 'wifi_coverage',
                        'mobile_signal', 'praise_speed') THEN 'network'
    WHEN f.category = 'hotline_wait' THEN 'hotline'
    WHEN f.category = 'repair_response' THEN 'repair'
    WHEN f.category = 'tv_channels' THEN 'tv_service'
    WHEN f.category IN ('contract_cancel', 'number_porting') THEN 'cancellation'
    WHEN f.category IN ('app_login', 'app_usability') THEN 'app'
    WHEN f.category IN ('store_service', 'need_store_hours') THEN 'store'
    WHEN f.category = 'mobile_data_plan' THEN 'shopping'
    WHEN f.product = 'billing' THEN 'billing'
    WHEN f.product = 'installation_repair' THEN 'repair'
    WHEN f.product = 'tv' THEN 'tv_service'
    WHEN f.product = 'app' THEN 'app'
    WHEN f.product = 'stores' THEN 'store'
    WHEN f.product IN ('broadband', 'mobile') THEN 'network'
    WHEN f.channel IN ('hotline', 'online_chat', 'store') THEN f.channel
    WHEN f.channel = 'app_feedback' THEN 'app'
    ELSE 'hotline' END"""

RATING = "CASE WHEN f.rating_max IS NULL OR f.rating_max = 5 THEN f.rating"
RATING += " ELSE 1 + 4 * (f.rating - 1) / nullif(f.rating_max - 1, 0) END"

STAND_IN_SENTIMENT = f"""CASE WHEN f.rating IS NULL THEN NULL
    WHEN ({RATING}) < 2.5 THEN 'negative' WHEN ({RATING}) >= 3.5 THEN 'positive'
    ELSE 'neutral' END"""

KEPT = """FROM feedback f LEFT JOIN import_batches b ON b.id = f.batch_id
    LEFT JOIN item_labels il ON il.feedback_id = f.id
    WHERE b.undone_at IS NULL AND (b.cycle_id IS NULL OR b.cycle_id <= $cycle)"""


def labelled(condition: str = "") -> str:
    """Return the ``labelled`` CTE over the kept items, narrowed by a fixed condition on ``f``."""
    return f"""labelled AS (
    SELECT f.id, f.received_at, f.customer_id, f.text,
        coalesce(il.touchpoint, {TOUCHPOINT}) AS touchpoint,
        coalesce(il.category, f.category) AS category, ({RATING}) AS rating,
        coalesce(il.sentiment, {STAND_IN_SENTIMENT}) AS sentiment,
        coalesce(il.sentiment_score,
                 CASE WHEN f.rating IS NULL THEN NULL ELSE (({RATING}) - 3) / 2 END)
            AS sentiment_score
    {KEPT} {condition}
)"""


LABELLED = labelled()
