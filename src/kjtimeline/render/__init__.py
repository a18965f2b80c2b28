"""Rich renderables for the terminal views. The only package that imports Rich.

Dataset text always enters Rich as `Text` made by `safe_text` (never as a markup string), so `[bold]`
or `:warning:` in the data is shown as typed and escape sequences are shown as escapes.
"""
