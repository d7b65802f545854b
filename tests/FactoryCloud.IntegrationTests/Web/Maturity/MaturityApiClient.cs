using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.IntegrationTests.Fixtures;

namespace FactoryCloud.IntegrationTests.Web.Maturity;

/// <summary>Maturity API calls the tests share.</summary>
internal static class MaturityApiClient
{
    private static readonly string[] Assessors = ["Ada", "Grace"];

    public static async Task<Guid> CreateAssessmentAsync(this ApiSession session, string title, Guid? siteId, Guid? modelVersionId = null)
    {
        var response = await session.Client.PostAsJsonAsync("/api/v1/maturity/assessments", new { title, siteId, modelVersionId, assessors = Assessors });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> AnswerAsync(this ApiSession session, Guid assessment, string dimension, int? stage, int? target = null, string? targetDate = null, string[]? links = null) =>
        session.Client.PutAsJsonAsync($"/api/v1/maturity/assessments/{assessment}/answers/{dimension}",
            new { stage, targetStage = target, targetDate, confidence = "High", notes = "seen on the shop floor", evidenceLinks = links ?? [] });

    /// <summary>Answers every dimension of the default model: stage <paramref name="stage"/>, target <paramref name="stage"/>+1.</summary>
    public static async Task AnswerAllAsync(this ApiSession session, Guid assessment, int stage)
    {
        foreach (var d in DefaultMaturityModel.Create().Dimensions)
        {
            var response = await session.AnswerAsync(assessment, d.Key, stage, Math.Min(5, stage + 1), "2027-06-30");
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    public static Task<HttpResponseMessage> MoveAsync(this ApiSession session, Guid assessment, string status) =>
        session.Client.PostAsJsonAsync($"/api/v1/maturity/assessments/{assessment}/status", new { status });

    public static async Task<JsonElement> GetJsonAsync(this ApiSession session, string url)
    {
        var response = await session.Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> ErrorsOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }
}
