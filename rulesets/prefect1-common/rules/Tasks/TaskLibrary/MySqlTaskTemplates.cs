namespace Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

/// <summary>
/// <c>prefect.tasks.mysql</c>: v1 connected with <c>pymysql</c>; the functions make the same calls and return
/// the same values (reference §16 also allows <c>prefect_sqlalchemy.SqlAlchemyConnector</c>, whose fetch results differ).
/// </summary>
public static class MySqlTaskTemplates
{
    private static readonly string[] PyMySql = ["PyMySQL"];

    public static IReadOnlyList<TaskLibraryTemplate> All { get; } =
    [
        new("prefect.tasks.mysql", "MySQLExecute", ["db_name", "user", "password", "host", "port", "query", "commit", "charset", "ssl"],
            ["db_name=None", "user=None", "password=None", "host=None", "port=3306", "query=None", "commit=False", "charset=\"utf8mb4\"", "ssl=None"],
            """"
                """Prefect 1 MySQLExecute: runs query with pymysql and returns cursor.execute's result."""
                if not query:
                    raise ValueError("A query string must be provided")
                import pymysql

                connection = pymysql.connect(host=host, user=user, password=password, db=db_name, charset=charset, port=port, ssl=ssl)
                try:
                    with connection.cursor() as cursor:
                        executed = cursor.execute(query)
                        if commit:
                            connection.commit()
                    return executed
                finally:
                    connection.close()
            """", PyMySql),
        new("prefect.tasks.mysql", "MySQLFetch", ["db_name", "user", "password", "host", "port", "fetch", "fetch_count", "query", "commit", "charset", "cursor_type", "ssl"],
            ["db_name=None", "user=None", "password=None", "host=None", "port=3306", "fetch=\"one\"", "fetch_count=10", "query=None", "commit=False", "charset=\"utf8mb4\"", "cursor_type=\"cursor\"", "ssl=None"],
            """"
                """Prefect 1 MySQLFetch: runs query with pymysql and returns one row, fetch_count rows ("many") or all rows."""
                if not query:
                    raise ValueError("A query string must be provided")
                if fetch not in {"one", "many", "all"}:
                    raise ValueError("The 'fetch' parameter must be one of the following - ('one', 'many', 'all')")
                import pymysql.cursors

                cursor_types = {
                    "cursor": pymysql.cursors.Cursor,
                    "dictcursor": pymysql.cursors.DictCursor,
                    "sscursor": pymysql.cursors.SSCursor,
                    "ssdictcursor": pymysql.cursors.SSDictCursor,
                }
                if callable(cursor_type):
                    cursor_class = cursor_type
                else:
                    cursor_class = cursor_types.get(cursor_type.lower()) if isinstance(cursor_type, str) else None
                if not cursor_class:
                    raise TypeError(f"'cursor_type' should be one of {list(cursor_types)} or a full cursor class, got {cursor_type}")
                connection = pymysql.connect(
                    host=host, user=user, password=password, db=db_name, charset=charset, port=port, cursorclass=cursor_class, ssl=ssl
                )
                try:
                    with connection.cursor() as cursor:
                        cursor.execute(query)
                        if fetch == "all":
                            results = cursor.fetchall()
                        elif fetch == "many":
                            results = cursor.fetchmany(fetch_count)
                        else:
                            results = cursor.fetchone()
                        if commit:
                            connection.commit()
                    return results
                finally:
                    connection.close()
            """", PyMySql),
    ];
}
