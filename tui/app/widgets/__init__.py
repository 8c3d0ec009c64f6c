"""The app's widgets: article list, reader and sidebar."""
