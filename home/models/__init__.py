from home.models.enquiries import EnquiryRead  # noqa: F401
from home.models.forms import ConsultingFormField, ConsultingPage, ContactFormField, ContactPage  # noqa: F401
from home.models.legal import AccessibilityStatementPage, TermsPage  # noqa: F401
from home.models.pages import ContentPage, HomePage  # noqa: F401
from home.models.press import PressIndexPage, PressPage  # noqa: F401
from home.models.privacy import PrivacyNoticePage  # noqa: F401
from home.models.seed import SeedRecord  # noqa: F401
from home.models.settings import FooterLink, NavigationSettings, OrganisationSettings  # noqa: F401
