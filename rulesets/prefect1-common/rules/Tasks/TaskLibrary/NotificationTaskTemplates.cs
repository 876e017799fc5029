namespace Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

/// <summary>
/// <c>prefect.tasks.notifications.SlackTask</c>: v1 posted the message to the webhook URL read from the Prefect
/// secret <c>webhook_secret</c>; the function reads the Secret block named after it by the block-name rule
/// (lowercase, dashes: <c>SLACK_WEBHOOK_URL</c> → <c>slack-webhook-url</c>, reference §11) and posts with <c>requests</c>
/// (the <c>prefect_slack</c> message tasks are async, reference §16).
/// </summary>
public static class NotificationTaskTemplates
{
    public static IReadOnlyList<TaskLibraryTemplate> All { get; } =
    [
        new("prefect.tasks.notifications", "SlackTask", ["message", "webhook_secret"],
            ["message=None", "webhook_secret=\"SLACK_WEBHOOK_URL\"", "webhook_url=None"],
            """"
                """Prefect 1 SlackTask: posts message to the Slack webhook (webhook_url, else the Secret block named after webhook_secret)."""
                import re

                import prefect.blocks.system
                import requests

                if not webhook_url:
                    block = re.sub("[^a-z0-9]+", "-", webhook_secret.lower()).strip("-")
                    webhook_url = prefect.blocks.system.Secret.load(block).get()
                response = requests.post(webhook_url, json=message if isinstance(message, dict) else {"text": message})
                response.raise_for_status()
            """", ["requests"], SecretParameter: "webhook_secret"),
    ];
}
