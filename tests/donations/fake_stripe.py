"""A local HTTP server that answers the few Stripe API calls the site makes, in Stripe's JSON
shape, and records every request (method, path, form-decoded body, headers) for assertions."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


class FakeStripe:
    def __init__(self):
        self.requests = []
        self.sessions = {}
        self.subscriptions = {}
        self.invoices = {}
        # Events answered by GET /v1/events (newest first, as Stripe lists them).
        self.events = []
        self.fail_next_portal = None
        # (status, body) answered to the next POST /v1/checkout/sessions instead of a session.
        self.fail_next_session = None
        self._counter = 0
        self._lock = threading.Lock()

    def next_id(self, prefix):
        with self._lock:
            self._counter += 1
            return f"{prefix}_fake_{self._counter}"

    def session_requests(self):
        return [r for r in self.requests if r["method"] == "POST" and r["path"] == "/v1/checkout/sessions"]

    def answer(self, method, path, query, form):
        if method == "POST" and path == "/v1/checkout/sessions":
            if self.fail_next_session:
                status, body = self.fail_next_session
                self.fail_next_session = None
                return status, body
            session_id = self.next_id("cs_test")
            session = {
                "id": session_id,
                "object": "checkout.session",
                "url": f"https://checkout.stripe.com/c/pay/{session_id}",
                "mode": form.get("mode"),
                "status": "open",
                "payment_status": "unpaid",
                "client_reference_id": form.get("client_reference_id"),
                "metadata": {k[9:-1]: v for k, v in form.items() if k.startswith("metadata[")},
            }
            self.sessions[session_id] = session
            return 200, session
        if method == "POST" and path == "/v1/billing_portal/sessions":
            if self.fail_next_portal:
                status, body = self.fail_next_portal
                self.fail_next_portal = None
                return status, body
            flow_type = form.get("flow_data[type]")
            known_flows = ("payment_method_update", "subscription_cancel", "subscription_update",
                           "subscription_update_confirm")
            if flow_type is not None and flow_type not in known_flows:
                return 400, {"error": {"type": "invalid_request_error", "param": "flow_data[type]",
                                       "message": f"Invalid flow_data[type]: {flow_type}"}}
            if not form.get("customer"):
                return 400, {"error": {"type": "invalid_request_error", "param": "customer",
                                       "message": "Missing required param: customer."}}
            portal_id = self.next_id("bps")
            flow = None
            if flow_type:
                # As Stripe answers a portal session with a flow: the flow echoed back, and a
                # link that opens on it.
                flow = {
                    "type": flow_type,
                    "after_completion": {
                        "type": form.get("flow_data[after_completion][type]", "portal_homepage"),
                        "redirect": {"return_url": form.get("flow_data[after_completion][redirect][return_url]")},
                        "hosted_confirmation": None,
                    },
                    "subscription_cancel": None,
                    "subscription_update": None,
                    "subscription_update_confirm": None,
                }
            return 200, {
                "id": portal_id,
                "object": "billing_portal.session",
                "customer": form.get("customer"),
                "return_url": form.get("return_url"),
                "locale": form.get("locale"),
                "flow": flow,
                "url": f"https://billing.stripe.com/p/session/{portal_id}" + ("/flow" if flow else ""),
            }
        if method == "GET" and path == "/v1/events":
            return 200, self.list_events(query)
        if method == "GET" and path == "/v1/checkout/sessions":
            matching = [s for s in self.sessions.values() if s.get("payment_intent") == query.get("payment_intent")]
            return 200, {"object": "list", "data": matching, "has_more": False, "url": path}
        if method == "GET" and path == "/v1/invoice_payments":
            wanted = query.get("payment[payment_intent]")
            matching = [
                {"object": "invoice_payment", "invoice": invoice["id"], **payment}
                for invoice in self.invoices.values()
                for payment in (invoice.get("payments") or {}).get("data") or []
                if (payment.get("payment") or {}).get("payment_intent") == wanted
            ]
            return 200, {"object": "list", "data": matching, "has_more": False, "url": path}
        for prefix, store in (
            ("/v1/checkout/sessions/", self.sessions),
            ("/v1/subscriptions/", self.subscriptions),
            ("/v1/invoices/", self.invoices),
        ):
            if method == "GET" and path.startswith(prefix) and path[len(prefix):] in store:
                return 200, store[path[len(prefix):]]
        return 404, {"error": {"type": "invalid_request_error", "message": f"No such object: {path}"}}


def _list_events(fake, query):
    """Stripe's list semantics: newest first, created[gte], types[], limit, starting_after."""
    events = sorted(fake.events, key=lambda event: event["created"], reverse=True)
    if "created[gte]" in query:
        events = [event for event in events if event["created"] >= int(query["created[gte]"])]
    types = [value for key, value in query.items() if key.startswith("types[")]
    if types:
        events = [event for event in events if event["type"] in types]
    if query.get("starting_after"):
        ids = [event["id"] for event in events]
        events = events[ids.index(query["starting_after"]) + 1:]
    limit = int(query.get("limit") or 10)
    return {"object": "list", "url": "/v1/events", "data": events[:limit], "has_more": len(events) > limit}


FakeStripe.list_events = _list_events


def _handler(fake):
    class Handler(BaseHTTPRequestHandler):
        def _serve(self, method):
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            form = dict(parse_qsl(body, keep_blank_values=True))
            query = dict(parse_qsl(url.query, keep_blank_values=True))
            fake.requests.append(
                {"method": method, "path": url.path, "query": query, "form": form, "headers": dict(self.headers)}
            )
            status, payload = fake.answer(method, url.path, query, form)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Request-Id", "req_fake")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):  # noqa: N802 - http.server's naming
            self._serve("GET")

        def do_POST(self):  # noqa: N802
            self._serve("POST")

        def log_message(self, *args):
            pass

    return Handler


def start():
    fake = FakeStripe()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    fake.server = server
    return fake
