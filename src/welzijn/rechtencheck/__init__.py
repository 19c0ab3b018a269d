"""The Rechtencheck: a citizen's anonymous self-check of their social rights (the
interview is `rights.selfcheck`), the welzijnsbureaus' addresses for its result, and the
requests a citizen sends to a welzijnsbureau with consent."""
