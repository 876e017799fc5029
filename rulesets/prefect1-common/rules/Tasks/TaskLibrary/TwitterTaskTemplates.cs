namespace Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

/// <summary><c>prefect.tasks.twitter.LoadTweetReplies</c>: v1 searched with <c>tweepy</c>; the function makes the same calls.</summary>
public static class TwitterTaskTemplates
{
    public static IReadOnlyList<TaskLibraryTemplate> All { get; } =
    [
        new("prefect.tasks.twitter", "LoadTweetReplies", ["user", "tweet_id"],
            ["user=None", "tweet_id=None", "credentials=None"],
            """"
                """Prefect 1 LoadTweetReplies: up to 100 recent tweets to user that reply to tweet_id."""
                if credentials is None:
                    raise ValueError("Credentials dictionary wasn't provided.")
                import tweepy

                auth = tweepy.OAuthHandler(credentials["api_key"], credentials["api_secret"])
                auth.set_access_token(credentials["access_token"], credentials["access_token_secret"])
                api = tweepy.API(auth)
                cursor = tweepy.Cursor(api.search, q="to:" + user, result_type="recent", timeout=999999)
                return [tweet for tweet in cursor.items(100) if hasattr(tweet, "in_reply_to_status_id_str") and tweet.in_reply_to_status_id_str == tweet_id]
            """", ["tweepy"]),
    ];
}
