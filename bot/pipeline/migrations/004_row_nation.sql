-- 004: the nation a result or record row gives its athlete, when it is not the athlete's (athletes.nationality
-- is the latest a source gave: Heike Drechsler is GER, but she jumped for GDR in 1988; Lornah Kiplagat ran for
-- KEN in 2000, NED later). NULL: the row gives the athlete's nationality, or none. A post about a race names
-- its runners by the nation they ran for then: coalesce(nation, athletes.nationality).

ALTER TABLE results ADD COLUMN nation TEXT;
ALTER TABLE records ADD COLUMN nation TEXT;
