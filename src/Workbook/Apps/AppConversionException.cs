namespace Workbook.Apps;

/// <summary>
/// A notebook that cannot become a file-based app as it stands (a kernel-only directive, a syntax error, a name
/// declared in two cells); the message names the notebook, the cell and what to change.
/// </summary>
internal sealed class AppConversionException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that says what to change.</summary>
    public AppConversionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public AppConversionException()
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public AppConversionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
