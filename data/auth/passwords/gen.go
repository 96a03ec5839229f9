//go:build ignore

// gen writes common.txt: passwords of 12 characters or more that breach lists
// (RockYou, the NCSC's 100,000 most used, yearly "worst passwords" lists) are
// full of, in lower case, one per line, sorted. It starts from passwords seen
// verbatim in those lists and adds the patterns they consist of: a popular
// word, name, team or city followed by digits, a year or a symbol; keyboard
// walks; repeated words; seasons and months with years. Dutch and French words
// are there because the staff are.
//
//	go run gen.go > common.txt
package main

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// verbatim are long passwords that appear as they are in breach lists.
var verbatim = []string{
	"123456789012", "1234567890123", "12345678901234", "123456789123", "1234567891011", "123456789987654321",
	"111111111111", "000000000000", "123123123123", "121212121212", "112233445566", "123412341234",
	"147258369147", "159753159753", "987654321987", "1029384756", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u",
	"1q2w3e4r5t6y7u8i", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "qwertyuiopasdfghjkl", "qwertyuiopasdfghjklzxcvbnm",
	"qwertyuiop123", "qwertyuiop1234", "qwerty123456", "qwerty1234567", "qwertyqwerty", "asdfghjkl123",
	"asdfghjkl1234", "asdfasdfasdf", "zxcvbnm123456", "zxcvbnmasdfghjkl", "qazwsxedcrfv", "qazwsxedcrfvtgb",
	"qazwsxedcrfvtgbyhn", "1234qwerasdf", "1234qwerasdfzxcv", "q1w2e3r4t5y6", "q1w2e3r4t5y6u7",
	"a1b2c3d4e5f6", "abcdefghijkl", "abcdefghijklmnopqrstuvwxyz", "abcd1234abcd", "abc123abc123",
	"zaq12wsxcde3", "zaq1zaq1zaq1", "zaq1xsw2cde3", "1qazxsw23edc", "!qaz2wsx#edc", "azertyuiop12",
	"azertyuiop123", "azertyuiopqsdf", "azertyuiopqsdfghjklm", "azerty123456", "azertyazerty", "passwordpassword",
	"password1234", "password12345", "password123456", "password123!", "password@123", "passw0rd1234",
	"p@ssw0rd1234", "p@ssword1234", "p@$$w0rd1234", "mypassword123", "mypassword1234", "letmein12345",
	"welcome12345", "welcome123456", "changeme1234", "administrator", "administrator1", "adminadmin123",
	"trustno1trustno1", "iloveyou1234", "iloveyou12345", "iloveyou123456", "iloveyouforever", "iloveyousomuch",
	"iloveyoubaby", "ilovemyfamily", "ilovemyself1", "ilovemymother", "ilovemyboyfriend", "ilovemygirlfriend",
	"iloveyoumom", "iloveyoudad", "iloveyouallah", "jesuschrist", "jesusislord", "jesuslovesme",
	"godisgood123", "michaeljordan", "manchesterunited", "manchesterunited1", "liverpoolfc1", "chelseafc1234",
	"realmadrid123", "barcelona1234", "elizabeth123", "christopher1", "alexander123", "jenniferlopez",
	"spongebob1234", "spiderman1234", "harrypotter1", "harrypotter123", "starwars1234", "pokemon12345",
	"blink182blink182", "linkinpark123", "nevergiveup1", "letmeinplease", "opensesame123", "thequickbrownfox",
	"correcthorsebatterystaple", "whatever1234", "football1234", "basketball123", "baseball1234", "superman1234",
	"batman123456", "princess1234", "sunshine1234", "monkeymonkey", "dragondragon", "shadowshadow",
	"wachtwoord123", "wachtwoord12", "welkomwelkom", "welkom123456", "motdepasse123", "motdepasse1234",
	"soleil123456", "doudou123456", "chocolat1234", "bienvenue123", "jetaime12345", "jetaimeamour",
	"nederland123", "amsterdam123", "rotterdam123", "feyenoord1908", "ajaxamsterdam", "psveindhoven",
	"marseille1313", "parisjetaime", "allezlesbleus", "abcdefghijklmnop", "1234567890qwerty", "qwerty1234567890",
	"0987654321qwerty", "!@#$%^&*()_+", "!@#$%^&*()123", "1234567890!@#", "~!@#$%^&*()_+", "qwertyuiop[]",
}

// words are popular password stems from the same lists, in English, Dutch
// and French, with names of people, pets, teams and places.
var words = []string{
	"password", "passw0rd", "p@ssw0rd", "wachtwoord", "motdepasse", "welcome", "welkom", "bienvenue", "letmein",
	"iloveyou", "ikhouvanjou", "jetaime", "sunshine", "princess", "football", "voetbal", "baseball", "basketball",
	"superman", "batman", "spiderman", "starwars", "pokemon", "dragon", "monkey", "shadow", "master", "qwerty",
	"azerty", "trustno1", "whatever", "freedom", "computer", "internet", "samsung", "iphone", "android",
	"michael", "jennifer", "jessica", "charlie", "thomas", "daniel", "matthew", "andrew", "joshua", "jordan",
	"hunter", "ranger", "buster", "soccer", "hockey", "killer", "george", "summer", "winter", "autumn", "spring",
	"zomer", "lente", "herfst", "soleil", "chocolat", "doudou", "loulou", "cheval", "amour", "liverpool",
	"chelsea", "arsenal", "barcelona", "realmadrid", "juventus", "feyenoord", "ajax", "psveindhoven",
	"manchester", "amsterdam", "rotterdam", "nederland", "holland", "belgique", "belgie", "france", "paris",
	"marseille", "maastricht", "limburg", "brussel", "bruxelles", "london", "america", "gemeente", "mijnwachtwoord",
	"administrator", "admin", "changeme", "default", "secret", "geheim", "secure", "security", "office",
	"company", "business", "student", "teacher", "school", "family", "familie", "famille", "friends", "vrienden",
	"butterfly", "flower", "bloemetje", "rainbow", "unicorn", "angel", "engeltje", "babygirl", "lovely",
	"tigger", "ginger", "pepper", "buddy", "lucky", "snoopy", "bailey", "maggie", "daisy", "molly", "max",
	"bella", "luna", "charlie", "rocky", "simba", "nala", "tommy", "kevin", "robert", "william", "anthony",
	"christian", "patrick", "pieter", "johan", "sander", "jeroen", "sanne", "emma", "julia", "sophie", "lotte",
	"nicolas", "julien", "camille", "manon", "pierre", "marie", "jean", "lucas", "hugo", "louis",
	"mustang", "ferrari", "porsche", "mercedes", "harley", "yamaha", "corvette", "matrix", "hello", "hallo",
	"bonjour", "goodbye", "cookie", "banana", "cheese", "orange", "purple", "yellow", "silver", "golden",
	"diamond", "hellokitty", "minecraft", "fortnite", "roblox", "playstation", "xbox", "nintendo", "zelda",
	"qazwsx", "asdfgh", "zxcvbn", "1qaz2wsx", "q1w2e3r4", "abc123", "test", "testtest", "guest", "login",
	"december", "november", "october", "september", "august", "july", "june", "april", "march", "february",
	"january", "januari", "februari", "maart", "augustus", "janvier", "fevrier", "avril", "juillet", "decembre",
}

var suffixes = []string{
	"", "1", "12", "123", "1234", "12345", "123456", "1234567", "!", "!!", "1!", "123!", "1234!", "@123", "#1",
	"01", "007", "69", "99", "00", "11", "13", "22", "88", "2000", "01!", "123123", "321",
}

func main() {
	set := map[string]bool{}
	add := func(s string) {
		s = strings.ToLower(s)
		if utf8.RuneCountInString(s) >= 12 && !strings.ContainsAny(s, "\n\r") {
			set[s] = true
		}
	}
	for _, v := range verbatim {
		add(v)
	}
	for _, w := range words {
		for _, s := range suffixes {
			add(w + s)
		}
		add(w + w)
		add(w + w + "1")
		add(w + "123456789")
		for y := 1960; y <= 2030; y++ {
			add(fmt.Sprintf("%s%d", w, y))
			add(fmt.Sprintf("%s%d!", w, y))
			add(fmt.Sprintf("%s@%d", w, y))
		}
	}
	for _, a := range []string{"ilove", "iloveyou", "ikhouvan", "jaime", "jetaime"} {
		for _, w := range words {
			add(a + w)
		}
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	for _, s := range out {
		fmt.Println(s)
	}
}
