"""The lesson editor: a teacher writes a lesson beside the views it uses (Help → Write a Lesson)."""
