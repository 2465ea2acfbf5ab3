def test_index_lists_posts(client):
    response = client.get("/blog/")
    assert response.status_code == 200
    assert b"Hello, framework" in response.content


def test_search_partial_renders_only_the_list(client):
    response = client.get("/blog/?q=async", headers={"HX-Request": "true"})
    assert response.content.lstrip().startswith(b'<ul id="posts">')


def test_json_api(client):
    assert client.get("/blog/api/posts/").json()["posts"][0]["slug"] == "hello-framework"
