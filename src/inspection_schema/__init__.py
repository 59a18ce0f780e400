"""inspection-schema: the record of Party inspection work (巡视/巡察) and its rectification."""
