using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Backlogs.WorkItems;

/// <summary>Editing and deleting comments over the API on PostgreSQL: who may, what is recorded, problem details, tenancy.</summary>
public sealed class CommentsApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task TheAuthorEditsTheirCommentAndTheEditIsRecorded()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var member = await owner.AddMemberAsync(App, "TeamMember");
        var product = await TestProduct.CreateAsync(owner);
        var story = await product.AddAsync("Andon story");
        var comment = await AddCommentAsync(member, story, "First *draft*");

        var edited = await member.Client.PutAsJsonAsync($"/api/v1/comments/{comment}", new { body = "Second *draft*" });

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var view = await edited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Second *draft*", view.GetProperty("body").GetString());
        Assert.Contains("<em>draft</em>", view.GetProperty("bodyHtml").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, view.GetProperty("editedAt").ValueKind);
        var listed = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/comments");
        Assert.Equal("Second *draft*", Assert.Single(listed!).GetProperty("body").GetString());
        var history = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/history");
        Assert.Contains(history!, h => h.GetProperty("field").GetString() == "Comment"
            && h.GetProperty("oldValue").GetString() == "First *draft*" && h.GetProperty("newValue").GetString() == "Second *draft*");
    }

    [Fact]
    public async Task OnlyTheAuthorEditsAndOnlyTheAuthorOrAnOwnerOrAdminDeletes()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var author = await owner.AddMemberAsync(App, "TeamMember");
        var colleague = await owner.AddMemberAsync(App, "TeamMember");
        var admin = await owner.AddMemberAsync(App, "Admin");
        var product = await TestProduct.CreateAsync(owner);
        var story = await product.AddAsync("Story");
        var first = await AddCommentAsync(author, story, "Mine");
        var second = await AddCommentAsync(author, story, "Also mine");
        var third = await AddCommentAsync(author, story, "Still mine");

        var colleagueEdit = await colleague.Client.PutAsJsonAsync($"/api/v1/comments/{first}", new { body = "Hijacked" });
        Assert.Equal(HttpStatusCode.Forbidden, colleagueEdit.StatusCode);
        Assert.Equal("Only the author can change a comment.", (await colleagueEdit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.Client.PutAsJsonAsync($"/api/v1/comments/{first}", new { body = "Owner's words" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.Client.DeleteAsync($"/api/v1/comments/{first}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/v1/comments/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/comments/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await author.Client.DeleteAsync($"/api/v1/comments/{third}")).StatusCode);
        Assert.Empty((await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/comments"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await author.Client.DeleteAsync($"/api/v1/comments/{third}")).StatusCode);
    }

    [Fact]
    public async Task AnEmptyEditAnswersAValidationProblemAndKeepsTheComment()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var story = await product.AddAsync("Story");
        var comment = await AddCommentAsync(owner, story, "Keep me");

        var response = await owner.Client.PutAsJsonAsync($"/api/v1/comments/{comment}", new { body = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Write a comment."], (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Body").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Keep me", (await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/comments"))![0].GetProperty("body").GetString());
    }

    [Fact]
    public async Task TenantBGetsNotFoundAndAViewerForbiddenForCommentChanges()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var viewer = await owner.AddMemberAsync(App, "Viewer");
        var product = await TestProduct.CreateAsync(owner);
        var story = await product.AddAsync("Story");
        var comment = await AddCommentAsync(owner, story, "Tenant A's note");
        var b = await ApiSession.SignUpAsync(App);

        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/items/{story}/comments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PutAsJsonAsync($"/api/v1/comments/{comment}", new { body = "Tenant B was here" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.DeleteAsync($"/api/v1/comments/{comment}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync($"/api/v1/items/{story}/comments", new { body = "Viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PutAsJsonAsync($"/api/v1/comments/{comment}", new { body = "Viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.DeleteAsync($"/api/v1/comments/{comment}")).StatusCode);
        Assert.Equal("Tenant A's note", Assert.Single((await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/comments"))!).GetProperty("body").GetString());
    }

    private static async Task<Guid> AddCommentAsync(ApiSession session, Guid item, string body) =>
        (await TestProduct.CreatedAsync(session.Client.PostAsJsonAsync($"/api/v1/items/{item}/comments", new { body }))).GetProperty("id").GetGuid();
}
