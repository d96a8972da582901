"""Schemathesis against the server's own OpenAPI document: every operation, with data
generated from the schema and every request signed by an enrolled workstation (a session
that signs the final bytes), answers without a server error (no 5xx)."""

from __future__ import annotations

import requests
import schemathesis
from hypothesis import HealthCheck, given, settings

from clinicapp.core.keys.identity import load_keys
from clinicapp.core.sync import protocol
from tests.server.helpers import enrolled

EXAMPLES = 12  # per operation: enough to reach every refusal path, quick on 2 cores


class SigningSession(requests.Session):
    """Signs each prepared request (method, path and query, body bytes) with a fresh
    server nonce, as the workstation's client does."""

    def __init__(self, base: str, keys) -> None:
        super().__init__()
        self.base = base
        self.keys = keys
        self.next_nonce: str | None = None

    def send(self, request: requests.PreparedRequest, **kwargs):  # type: ignore[override]
        # The nonce the last answer carried, as the client does (asking /nonce for each
        # request would meet its rate limit); a fresh one when none came.
        nonce = self.next_nonce or requests.post(self.base + "/api/v1/nonce",
                                                 timeout=30).json()["nonce"]
        self.next_nonce = None
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        message = protocol.request_message(request.method or "GET", request.path_url, body,
                                           self.keys.replica_id, nonce)
        request.headers[protocol.HEADER_DEVICE] = self.keys.replica_id
        request.headers[protocol.HEADER_NONCE] = nonce
        request.headers[protocol.HEADER_SIGNATURE] = protocol.sign(self.keys, message)
        response = super().send(request, **kwargs)
        self.next_nonce = response.headers.get(protocol.HEADER_NEXT_NONCE)
        return response


def test_no_operation_answers_with_a_server_error(server, tmp_path):
    db = enrolled(server, tmp_path, "fuzzer", "Hub A")
    with db.read() as session:
        keys = load_keys(session)
    signing = SigningSession(server.url, keys)
    schema = schemathesis.openapi.from_url(server.url + "/api/v1/openapi.json")
    operations = [op.ok() for op in schema.get_all_operations()]
    assert {"/api/v1/uploads", "/api/v1/pulls", "/api/v1/enroll"} <= {
        op.path for op in operations}
    failures: list[str] = []
    signed_ok = []

    def fuzz(operation) -> None:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call(base_url=server.url, session=signing, timeout=60)
            if response.status_code >= 500:
                failures.append(f"{operation.method.upper()} {operation.path}: "
                                f"{response.status_code} {response.text[:200]}")
            if response.status_code == 200 and operation.path == "/api/v1/me":
                signed_ok.append(True)

        check()

    for operation in operations:
        fuzz(operation)
    assert failures == []
    assert signed_ok  # the hook's signatures were accepted: the fuzzing got past auth
