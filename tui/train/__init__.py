"""The Train tab's parts that are not widgets: messages, run state, histories, file operations."""
