"""Two URL sets: the webhook (no language prefix, Stripe posts there) and the donor-facing
pages (inside i18n_patterns). The donation form and thank-you page are DonationPage routes."""
