namespace Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

/// <summary><c>prefect.tasks.airtable</c>: v1 used the <c>airtable</c> module (airtable-python-wrapper); the functions make the same calls.</summary>
public static class AirtableTaskTemplates
{
    private static readonly string[] Airtable = ["airtable-python-wrapper"];

    public static IReadOnlyList<TaskLibraryTemplate> All { get; } =
    [
        new("prefect.tasks.airtable", "WriteAirtableRow", ["base_key", "table_name"],
            ["data", "base_key=None", "table_name=None", "api_key=None"],
            """"
                """Prefect 1 WriteAirtableRow: inserts data as a row and returns the created record."""
                import airtable

                return airtable.Airtable(base_key, table_name, api_key).insert(data)
            """", Airtable),
        new("prefect.tasks.airtable", "ReadAirtableRow", ["base_key", "table_name"],
            ["id", "base_key=None", "table_name=None", "api_key=None"],
            """"
                """Prefect 1 ReadAirtableRow: returns the record with this id."""
                import airtable

                return airtable.Airtable(base_key, table_name, api_key).get(id)
            """", Airtable),
    ];
}
