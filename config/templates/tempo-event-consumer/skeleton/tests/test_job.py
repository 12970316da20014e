from ${{ values.module }}.job import handle, STREAM


def test_handle_keeps_the_event_id():
    assert handle({"id": "e-1"}) == {"stream": STREAM, "id": "e-1"}
