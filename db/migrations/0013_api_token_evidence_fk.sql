-- Evidence a machine posted names the token that posted it (the FK lives here, hand-written,
-- because the evidence table is declared before the api_tokens table it would point at).
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_api_token_fk" FOREIGN KEY ("api_token_id") REFERENCES "api_tokens"("id");
