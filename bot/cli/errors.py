"""The one exception a command raises to stop with a clear line and an exit code."""


class UserError(Exception):
    """A failure the user can fix: printed as one line, never as a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
