"""The claims page: intake form, claim view, payout and handover dialogs."""

from loket.ui.pages.claims.dialogs import HandoverDialog, PayoutDialog
from loket.ui.pages.claims.form import ClaimForm
from loket.ui.pages.claims.page import ClaimsPage
from loket.ui.pages.claims.view import ClaimView

__all__ = ["ClaimForm", "ClaimView", "ClaimsPage", "HandoverDialog", "PayoutDialog"]
