"""One module per note shape; each exports pure rules ``rule(blocks, i, scope) -> Claim | None``."""
