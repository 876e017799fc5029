namespace Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

/// <summary>
/// <c>prefect.tasks.github</c>: v1 called the GitHub REST API with <c>requests</c> and the <c>token</c> run
/// argument; the functions make the same requests (reference §16: <c>prefect_github</c>'s generated tasks are
/// GraphQL calls with other names and arguments).
/// </summary>
public static class GitHubTaskTemplates
{
    private static readonly string[] Requests = ["requests"];

    private const string Headers = "headers = {\"AUTHORIZATION\": f\"token {token}\", \"Accept\": \"application/vnd.github.v3+json\"}";

    public static IReadOnlyList<TaskLibraryTemplate> All { get; } =
    [
        new("prefect.tasks.github", "GetRepoInfo", ["repo", "info_keys"],
            ["repo=None", "info_keys=None", "token=None"],
            $$""""
                """Prefect 1 GetRepoInfo: the repository's info_keys from the GitHub REST API."""
                if repo is None:
                    raise ValueError("A GitHub repository must be provided.")
                import requests

                {{Headers}}
                response = requests.get(f"https://api.github.com/repos/{repo}", headers=headers)
                response.raise_for_status()
                data = response.json()
                return {key: data[key] for key in info_keys or []}
            """", Requests),
        new("prefect.tasks.github", "CreateBranch", ["repo", "base", "branch_name"],
            ["repo=None", "base=\"master\"", "branch_name=None", "token=None"],
            $$""""
                """Prefect 1 CreateBranch: creates branch_name from the head of base with the GitHub REST API."""
                if branch_name is None:
                    raise ValueError("A branch name must be provided.")
                if repo is None:
                    raise ValueError("A GitHub repository must be provided.")
                import requests

                url = f"https://api.github.com/repos/{repo}/git/refs"
                {{Headers}}
                response = requests.get(url + "/heads", headers=headers)
                response.raise_for_status()
                sha = next((b.get("object", {}).get("sha") for b in response.json() if b.get("ref") == f"refs/heads/{base}"), None)
                if sha is None:
                    raise ValueError(f"Base branch {base} not found.")
                response = requests.post(url, headers=headers, json={"ref": f"refs/heads/{branch_name}", "sha": sha})
                response.raise_for_status()
                return response.json()
            """", Requests),
        new("prefect.tasks.github", "CreateGitHubPR", ["repo", "title", "body", "head", "base"],
            ["repo=None", "title=None", "body=None", "head=None", "base=None", "token=None"],
            $$""""
                """Prefect 1 CreateGitHubPR: opens a pull request with the GitHub REST API."""
                if repo is None:
                    raise ValueError("A GitHub repository must be provided.")
                import json

                import requests

                {{Headers}}
                pull_request = {"title": title, "body": body, "head": head, "base": base}
                response = requests.post(f"https://api.github.com/repos/{repo}/pulls", data=json.dumps(pull_request), headers=headers)
                response.raise_for_status()
            """", Requests),
        new("prefect.tasks.github", "OpenGitHubIssue", ["repo", "title", "body", "labels"],
            ["repo=None", "title=None", "body=None", "labels=None", "token=None"],
            $$""""
                """Prefect 1 OpenGitHubIssue: opens an issue with the GitHub REST API."""
                if repo is None:
                    raise ValueError("A GitHub repository must be provided.")
                import json

                import requests

                {{Headers}}
                issue = {"title": title, "body": body, "labels": labels or []}
                response = requests.post(f"https://api.github.com/repos/{repo}/issues", data=json.dumps(issue), headers=headers)
                response.raise_for_status()
            """", Requests),
    ];
}
