/** The command center's overview: its routes. Each module contributes its panel through its own face. */
