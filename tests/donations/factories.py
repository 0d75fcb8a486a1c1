import factory

from donations.models import Donation


class DonationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donation

    amount = 2500
    frequency = "once"
    donor_name = factory.Sequence(lambda n: f"Donor {n}")
    email = factory.Sequence(lambda n: f"donor{n}@example.org")
    locale = "bg"
    stripe_checkout_session_id = factory.Sequence(lambda n: f"cs_test_factory_{n}")
